import { describe, expect, it } from "vitest";
import { addMonths, formatDate, fromNow } from "./dates";

describe("dates", () => {
  it("writes one format, and a dash for none", () => {
    expect(formatDate("2027-01-30")).toBe(new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" }).format(new Date(2027, 0, 30)));
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("—");
  });

  it("says how near a day is", () => {
    const now = new Date(2026, 11, 1, 15, 0);
    expect(fromNow("2026-12-13", now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(12, "day"));
    expect(fromNow("2026-12-01", now)).toBe(new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(0, "day"));
  });

  it("adds calendar months", () => {
    expect(addMonths(new Date(2026, 11, 1), 1)).toBe("2027-01-01");
  });
});
