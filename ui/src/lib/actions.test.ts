import { describe, expect, it } from "vitest";
import { describeAction, noticeTone } from "./actions";

describe("action words", () => {
  it("knows how each state should look", () => {
    expect(noticeTone("succeeded")).toBe("ok");
    expect(noticeTone("not_applied")).toBe("error");
    expect(noticeTone("outcome_unknown")).toBe("warn");
    expect(noticeTone("released")).toBe("warn");
  });

  it("describes an action in a sentence", () => {
    expect(describeAction({ operation: "create_order_json", subject: "acme.com", state: "succeeded", detail: null })).toBe(
      "Create order json (acme.com) finished.",
    );
    expect(describeAction({ operation: "update_dns_record", subject: "acme.com", state: "failed", detail: "Invalid value" })).toBe(
      "Update dns record (acme.com) failed: Invalid value",
    );
    expect(describeAction({ operation: "renew_domains", subject: "acme.com", state: "released", detail: null })).toBe(
      "Renew domains (acme.com) was released for a second send.",
    );
  });
});
