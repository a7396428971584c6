import { describe, expect, it } from "vitest";
import type { Domain } from "../../bindings";
import { checkRenewal, daysLeft, graceDeadline, pricedRenewals, renewalBlock, renewalCheck, renewalTotal } from "./renewal";

const now = new Date("2026-11-26T12:00:00Z");
const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString();
const dom = (name: string, status: string, expireOn: string | null): Domain => ({ domainName: name, status, expireOn });

describe("renewal window", () => {
  it("opens 45 days before expiry for an active domain", () => {
    expect(renewalBlock(dom("a.com", "ACTIVE", inDays(45)), now)).toBeNull();
    expect(renewalBlock(dom("a.com", "ACTIVE", inDays(10)), now)).toBeNull();
    expect(renewalBlock(dom("a.com", "ACTIVE", inDays(46)), now)).toMatch(/opens on 2026-11-27/);
  });

  it("keeps a grace-period domain renewable until the end of the UTC day 7 days after expiry", () => {
    const expired = "2026-11-19T08:00:00.000Z";
    expect(graceDeadline(expired).toISOString()).toBe("2026-11-26T23:59:59.999Z");
    expect(renewalBlock(dom("g.com", "GRACE_PERIOD", expired), now)).toBeNull();
    expect(renewalBlock(dom("g.com", "GRACE_PERIOD", "2026-11-18T08:00:00.000Z"), now)).toMatch(/grace period ended on 2026-11-25/);
  });

  it("refuses expired (documented); only warns on renewing, pending and other states (assumed)", () => {
    expect(renewalBlock(dom("e.com", "EXPIRED", inDays(-30)), now)).toMatch(/cannot be renewed through the API/);
    expect(renewalBlock(dom("r.com", "RENEWING", inDays(5)), now)).toBeNull();
    expect(renewalCheck(dom("r.com", "RENEWING", inDays(5)), now)).toEqual({ source: "assumed", message: "a renewal is already under way." });
    expect(renewalCheck(dom("p.com", "PENDING", inDays(365)), now)?.message).toMatch(/being registered/);
    expect(renewalCheck(dom("t.com", "TRANSFERRED", inDays(5)), now)).toEqual({ source: "assumed", message: "it is transferred." });
  });

  it("splits a selection into renewable (some warned) and refused", () => {
    const check = checkRenewal(
      [dom("a.com", "ACTIVE", inDays(5)), dom("b.com", "ACTIVE", inDays(200)), dom("c.com", "EXPIRED", inDays(-40)), dom("r.com", "RENEWING", inDays(5))],
      now,
    );
    expect(check.renewable.map((d) => d.domainName)).toEqual(["a.com", "r.com"]);
    expect(check.refused.map((r) => r.domain)).toEqual(["b.com", "c.com"]);
    expect(check.warned).toEqual([{ domain: "r.com", reason: "a renewal is already under way." }]);
  });

  it("counts days left, negative once expired", () => {
    expect(daysLeft(inDays(3), now)).toBe(3);
    expect(daysLeft(inDays(-2), now)).toBe(-2);
    expect(daysLeft(null, now)).toBeNull();
  });
});

describe("renewal totals", () => {
  it("adds prices in cents exactly", () => {
    const rows = pricedRenewals([
      { domainName: "a.com", renewalPrice: "14.50", years: 1 },
      { domainName: "b.io", renewalPrice: 0.1 },
      { domainName: "c.net", renewalPrice: "0.20" },
    ]);
    expect(rows.map((r) => r.cents)).toEqual([1450, 10, 20]);
    expect(renewalTotal(rows)).toBe(1480);
  });

  it("has no total when a price is missing", () => {
    expect(renewalTotal(pricedRenewals([{ domainName: "a.com", renewalPrice: null }]))).toBeNull();
    expect(renewalTotal([])).toBe(0);
  });
});
