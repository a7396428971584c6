import { describe, expect, it } from "vitest";
import { countBy, monthlyCostCents, renewingWithin } from "./summary";

describe("customer summary", () => {
  it("counts statuses, most common first", () => {
    expect(countBy(["ACTIVE", "active", "PENDING", null])).toEqual([["ACTIVE", 2], ["PENDING", 1], ["UNKNOWN", 1]]);
  });

  it("adds up running subscriptions only, and refuses to guess a missing price", () => {
    const running = { subscriptionStatus: "ACTIVE", totalMailboxQuantity: 8, pricePerMailbox: 3 };
    const cancelled = { subscriptionStatus: "CANCELLED", totalMailboxQuantity: 5, pricePerMailbox: 3 };
    expect(monthlyCostCents([running, cancelled])).toBe(2400);
    expect(monthlyCostCents([running, { subscriptionStatus: "RENEWING", totalMailboxQuantity: 2, pricePerMailbox: null }])).toBeNull();
    expect(monthlyCostCents([])).toBe(0);
  });

  it("finds domains expiring within the window, lapsed ones included", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const d = (iso: string | null) => ({ expireOn: iso });
    const due = renewingWithin([d("2026-12-20T00:00:00Z"), d("2027-06-01T00:00:00Z"), d("2026-11-20T00:00:00Z"), d(null)], 45, now);
    expect(due.map((x) => x.expireOn)).toEqual(["2026-12-20T00:00:00Z", "2026-11-20T00:00:00Z"]);
  });
});
