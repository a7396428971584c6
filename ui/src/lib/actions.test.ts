import { describe, expect, it } from "vitest";
import { describeAction, isSettled, noticeTone } from "./actions";

describe("action words", () => {
  it("knows which states are final and how they should look", () => {
    expect(isSettled("accepted")).toBe(false);
    expect(isSettled("succeeded")).toBe(true);
    expect(noticeTone("succeeded")).toBe("ok");
    expect(noticeTone("not_applied")).toBe("error");
    expect(noticeTone("outcome_unknown")).toBe("warn");
  });

  it("describes an action in a sentence", () => {
    expect(describeAction({ operation: "create_order_json", subject: "acme.com", state: "succeeded", detail: null })).toBe(
      "Create order json (acme.com) finished.",
    );
    expect(describeAction({ operation: "update_dns_record", subject: "acme.com", state: "failed", detail: "Invalid value" })).toBe(
      "Update dns record (acme.com) failed: Invalid value",
    );
  });
});
