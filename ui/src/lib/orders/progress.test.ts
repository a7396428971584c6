import { describe, expect, it } from "vitest";
import { orderStatusWords, readProgress } from "./progress";

describe("order progress", () => {
  it("reads the status answer defensively", () => {
    const p = readProgress({
      orderId: "O1",
      status: "PROCESSING",
      domains: [{ domain: "fresh-a.com", status: "REGISTERED", reason: null }, { domainName: "workspace-a.com", status: "FAILED", reason: "Workspace validation failed" }, 3],
      unavailableDomains: ["taken-a.com"],
      mailboxCount: 4,
      activeMailboxCount: 1,
      phase: "running",
      finished: false,
    });
    expect(p.domains).toEqual([
      { domain: "fresh-a.com", status: "REGISTERED", reason: null },
      { domain: "workspace-a.com", status: "FAILED", reason: "Workspace validation failed" },
    ]);
    expect(p.unavailable).toEqual(["taken-a.com"]);
    expect([p.mailboxCount, p.activeMailboxCount]).toEqual([4, 1]);
    expect(readProgress({ phase: "running", finished: false }).status).toBe("PENDING");
  });

  it("takes finished from the app's rule, never from the status word", () => {
    // The word is unknown to the UI; the Rust rule (cmr_core::rules::order_phase) says running.
    expect(readProgress({ status: "SOMETHING_NEW", phase: "running", finished: false }).finished).toBe(false);
    expect(readProgress({ status: "PAID", phase: "done", finished: true }).finished).toBe(true);
    expect(orderStatusWords("PARTIAL_REFUND")).toContain("refunded");
  });
});
