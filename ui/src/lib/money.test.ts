import { describe, expect, it } from "vitest";
import { balanceAfter, costLine, formatCents, recurringOf, toCents, totalOf } from "./money";
import vectors from "./rules.vectors.json";

describe("money", () => {
  it("reads numbers and decimal strings as exact cents", () => {
    expect(toCents("14.50")).toBe(1450);
    expect(toCents(8)).toBe(800);
    expect(toCents("0.1")).toBe(10);
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents("-3.2")).toBe(-320);
    expect(toCents("abc")).toBeNull();
    expect(toCents(null)).toBeNull();
  });

  it("answers as the Rust rule does for every vector it wrote", () => {
    for (const v of vectors.money) expect([v.input, toCents(v.input)]).toEqual([v.input, v.cents]);
  });

  it("rounds half away from zero past the cent, as the client does", () => {
    expect(toCents("1.005")).toBe(101);
    expect(toCents(1.005)).toBe(101);
    expect(toCents("-1.005")).toBe(-101);
    expect(toCents("1.004")).toBe(100);
  });

  it("adds lines in cents and formats dollars", () => {
    const lines = [costLine("Mailboxes", 7, 300), costLine("Domains", 2, 1299)];
    expect(totalOf(lines)).toBe(4698);
    expect(formatCents(totalOf(lines))).toBe("$46.98");
    expect(balanceAfter(4000, 4698)).toBe(-698);
  });
});

describe("what recurs after a purchase", () => {
  it("adds monthly lines from next month and renews yearly lines once their years pass", () => {
    const now = new Date(2026, 11, 1);
    const lines = [
      costLine("a.com — 1 year", 1, 1400, { every: "year", years: 1 }),
      costLine("b.com — 2 years", 2, 1500, { every: "year", years: 2 }),
      costLine("Mailboxes, first month", 4, 300, { every: "month" }),
      costLine("One-off", 1, 999),
    ];
    expect(recurringOf(lines, now)).toEqual([
      { cents: 1200, every: "month", from: "2027-01-01", estimate: false },
      { cents: 1400, every: "year", from: "2027-12-01", estimate: true },
      { cents: 1500, every: "year", from: "2028-12-01", estimate: true },
    ]);
    expect(recurringOf([costLine("One-off", 1, 999)], now)).toEqual([]);
  });
});
