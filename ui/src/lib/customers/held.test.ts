import { describe, expect, it } from "vitest";
import type { AppError } from "../../bindings";
import { cannotDelete, heldFromError, heldMessage } from "./held";

const refusal = (details: AppError["details"]): AppError => ({
  code: "validation",
  message: "User cannot be deleted",
  status: 422,
  fields: null,
  actionId: null,
  details,
});

describe("a customer that cannot be deleted", () => {
  it("names the counts", () => {
    expect(heldMessage({ domains: 3, mailboxes: 12 })).toBe("3 domains and 12 mailboxes still belong to this customer");
    expect(heldMessage({ domains: 1, mailboxes: 0 })).toBe("1 domain still belongs to this customer");
    expect(heldMessage({ domains: 0, mailboxes: 1 })).toBe("1 mailbox still belongs to this customer");
  });

  it("reads the counts from CMR's refusal", () => {
    const held = heldFromError(refusal({ domainCount: 3, mailboxCount: 12 }));
    expect(held).toEqual({ domains: 3, mailboxes: 12 });
    expect(cannotDelete("Acme", held!)).toBe(
      "Acme cannot be deleted: 3 domains and 12 mailboxes still belong to this customer. CMR deletes a customer only when it holds none: remove those first.",
    );
    expect(heldFromError(refusal(null))).toBeNull();
    expect(heldFromError(refusal(["x"]))).toBeNull();
    expect(heldFromError(refusal({ other: 1 }))).toBeNull();
    expect(heldFromError(null)).toBeNull();
  });
});
