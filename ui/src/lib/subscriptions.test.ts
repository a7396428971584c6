import { describe, expect, it } from "vitest";
import { actionsFor, daysLeft, periodCostCents } from "./subscriptions";

describe("subscriptions", () => {
  it("offers only the actions a state allows", () => {
    expect(actionsFor({ subscriptionStatus: "ACTIVE" })).toEqual(["renew", "cancel", "autoRenew"]);
    expect(actionsFor({ subscriptionStatus: "PAST_DUE" })).toContain("renew");
    expect(actionsFor({ subscriptionStatus: "CANCELLED" })).toEqual(["recreate"]);
    expect(actionsFor({ subscriptionStatus: "SOMETHING_NEW" })).toEqual([]);
    expect(actionsFor({ subscriptionStatus: null })).toEqual([]);
  });

  it("prices a period in cents from numbers or strings", () => {
    expect(periodCostCents({ totalMailboxQuantity: 6, pricePerMailbox: 3 })).toBe(1800);
    expect(periodCostCents({ totalMailboxQuantity: 3, pricePerMailbox: "4.99" })).toBe(1497);
    expect(periodCostCents({ totalMailboxQuantity: 3, pricePerMailbox: null })).toBeNull();
  });

  it("counts days to the end of the period", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    expect(daysLeft("2026-12-06T12:00:00Z", now)).toBe(10);
    expect(daysLeft("2026-11-25T12:00:00Z", now)).toBe(-1);
    expect(daysLeft(null, now)).toBeNull();
  });
});
