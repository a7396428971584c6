import { describe, expect, it } from "vitest";
import type { Subscription } from "../../bindings";
import { parseDollars, renewalsDue } from "./upcoming";

const sub = (over: Partial<Subscription>): Subscription =>
  ({ subscriptionId: "S", userId: "U", domain: "a.com", subscriptionStatus: "ACTIVE", autoRenew: true, pricePerMailbox: 3, totalMailboxQuantity: 4, ...over }) as Subscription;

describe("renewals due", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("takes auto-renewing live subscriptions ending within the window, soonest first, priced by seats", () => {
    const list = [
      sub({ subscriptionId: "late", periodEnd: "2027-01-10T00:00:00Z" }),
      sub({ subscriptionId: "soon", periodEnd: "2026-12-05T00:00:00Z" }),
      sub({ subscriptionId: "off", periodEnd: "2026-12-06T00:00:00Z", autoRenew: false }),
      sub({ subscriptionId: "gone", periodEnd: "2026-12-06T00:00:00Z", subscriptionStatus: "CANCELLED" }),
      sub({ subscriptionId: "far", periodEnd: "2027-03-01T00:00:00Z" }),
    ];
    expect(renewalsDue(list, 45, now).map((d) => [d.subscriptionId, d.cents])).toEqual([["soon", 1200], ["late", 1200]]);
    expect(renewalsDue(list, 30, now).map((d) => d.subscriptionId)).toEqual(["soon"]);
  });
  it("reads typed dollars", () => {
    expect(parseDollars("$1,000.50")).toBe(100050);
    expect(parseDollars("25")).toBe(2500);
    expect(parseDollars("")).toBeNull();
    expect(parseDollars("ten")).toBeNull();
  });
});
