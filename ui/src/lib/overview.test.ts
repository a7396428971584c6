import { describe, expect, it } from "vitest";
import type { DueItem } from "../bindings";
import { calendarWeeks, domainsByCustomer, dueTotals, itemCents, shortfall } from "./overview";

const item = (over: Partial<DueItem>): DueItem => ({
  kind: "domain",
  id: "a.com",
  domain: "a.com",
  customerId: "U1",
  customerLabel: "Acme",
  due: "2026-12-05T00:00:00Z",
  status: "ACTIVE",
  autoRenew: true,
  cents: null,
  ...over,
});

describe("the renewals due against the wallet", () => {
  const items = [
    item({ id: "a.com", domain: "A.com" }),
    item({ id: "b.com", domain: "b.com" }),
    item({ id: "c.com", domain: "c.com", autoRenew: false }),
    item({ kind: "subscription", id: "S1", domain: "a.com", cents: 1200 }),
    item({ kind: "subscription", id: "S2", domain: "d.com", cents: 900, autoRenew: null }),
  ];
  it("adds what renews on its own, counts what is unpriced and what needs a decision", () => {
    expect(dueTotals(items, { "a.com": 1450 })).toEqual({ autoCents: 1450 + 1200, unpriced: 1, manual: 2 });
    expect(itemCents(items[0]!, { "a.com": 1450 })).toBe(1450);
    expect(itemCents(items[1]!, {})).toBeNull();
  });
  it("says how far the balance is short", () => {
    expect(shortfall(1000, 2650)).toBe(1650);
    expect(shortfall(5000, 2650)).toBe(0);
    expect(shortfall(null, 2650)).toBeNull();
  });
  it("sends one renewal per customer", () => {
    const by = domainsByCustomer([item({ domain: "a.com" }), item({ domain: "b.com", customerId: "U2" }), item({ domain: "c.com" }), item({ kind: "subscription", id: "S" })]);
    expect([...by.entries()]).toEqual([["U1", ["a.com", "c.com"]], ["U2", ["b.com"]]]);
  });
});

describe("the renewal calendar", () => {
  it("groups by week from today, past dates first", () => {
    const now = new Date(2026, 11, 1, 15, 0);
    const at = (days: number) => new Date(2026, 11, 1 + days, 9, 0).toISOString();
    const weeks = calendarWeeks([item({ id: "w3", due: at(22) }), item({ id: "late", due: at(-3) }), item({ id: "w0", due: at(0) }), item({ id: "w0b", due: at(6) }), item({ id: "w1", due: at(7) })], now);
    expect(weeks.map((w) => [w.label, w.items.map((i) => i.id)])).toEqual([
      ["Overdue or in grace", ["late"]],
      ["Within 7 days", ["w0", "w0b"]],
      ["In 1–2 weeks", ["w1"]],
      ["In 3–4 weeks", ["w3"]],
    ]);
  });
});
