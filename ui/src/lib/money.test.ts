import { describe, expect, it } from "vitest";
import { balanceAfter, costLine, formatCents, toCents, totalOf } from "./money";
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
