import { describe, expect, it } from "vitest";
import { actionsFor, daysLeft, periodCostCents } from "./subscriptions";

describe("subscriptions", () => {
  it("offers only the actions a state allows, as the Rust rule says", () => {
    expect(actionsFor({ subscriptionStatus: "ACTIVE" })).toEqual(["renew", "cancel", "recreate", "autoRenew"]);
    expect(actionsFor({ subscriptionStatus: "PAST_DUE" })).toContain("renew");
    expect(actionsFor({ subscriptionStatus: "SOMETHING_NEW" })).toEqual([]);
    expect(actionsFor({ subscriptionStatus: null })).toEqual([]);
  });

  it("offers recreate only where CMR accepts it: an ACTIVE subscription", () => {
    // Recreation cancels the current subscription (cmr-api.md §8.1); a cancelled or expired
    // one has nothing to cancel and CMR refuses it.
    for (const status of ["CANCELLED", "EXPIRED", "PAST_DUE", "RENEWING"]) {
      expect(actionsFor({ subscriptionStatus: status })).not.toContain("recreate");
    }
    expect(actionsFor({ subscriptionStatus: "active" })).toContain("recreate");
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
