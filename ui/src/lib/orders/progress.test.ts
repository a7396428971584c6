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
    expect(orderRunning("SOMETHING_NEW")).toBe(false);
    expect(orderStatusWords("PARTIAL_REFUND")).toContain("refunded");
  });
});
