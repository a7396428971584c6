import { describe, expect, it } from "vitest";
import { orderRunning, orderStatusWords, readProgress } from "./progress";

describe("order progress", () => {
  it("reads the status answer defensively", () => {
    const p = readProgress({
      orderId: "O1",
      status: "PROCESSING",
      domains: [{ domain: "fresh-a.com", status: "REGISTERED", reason: null }, { domainName: "workspace-a.com", status: "FAILED", reason: "Workspace validation failed" }, 3],
      unavailableDomains: ["taken-a.com"],
      mailboxCount: 4,
      activeMailboxCount: 1,
    });
    expect(p.domains).toEqual([
      { domain: "fresh-a.com", status: "REGISTERED", reason: null },
      { domain: "workspace-a.com", status: "FAILED", reason: "Workspace validation failed" },
    ]);
    expect(p.unavailable).toEqual(["taken-a.com"]);
    expect([p.mailboxCount, p.activeMailboxCount]).toEqual([4, 1]);
    expect(readProgress({}).status).toBe("PENDING");
  });

  it("keeps polling only while the order is still running", () => {
    expect(orderRunning("PROCESSING")).toBe(true);
    expect(orderRunning("PAID")).toBe(false);
    // An unknown word keeps the poll going, as the core's poll does (cmr_core::rules::order_phase).
    expect(orderRunning("SOMETHING_NEW")).toBe(true);
    expect(orderRunning("IN_PROGRESS")).toBe(true);
    expect(orderRunning("refund")).toBe(false);
    expect(orderRunning("PARTIAL_REFUND")).toBe(false);
    expect(orderStatusWords("PARTIAL_REFUND")).toContain("refunded");
  });
});
