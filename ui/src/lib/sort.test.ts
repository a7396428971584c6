import { describe, expect, it } from "vitest";
import { sortBy } from "./sort.svelte";

describe("sortBy", () => {
  const rows = [
    { name: "b10.com", expires: "2027-03-01", mailboxes: 8 },
    { name: "b2.com", expires: null, mailboxes: 0 },
    { name: "a.com", expires: "2026-12-20", mailboxes: 12 },
  ];

  it("sorts text naturally and numbers as numbers, both ways", () => {
    expect(sortBy(rows, (r) => r.name).map((r) => r.name)).toEqual(["a.com", "b2.com", "b10.com"]);
    expect(sortBy(rows, (r) => r.mailboxes, false).map((r) => r.mailboxes)).toEqual([12, 8, 0]);
  });

  it("keeps empty values last in either direction", () => {
    expect(sortBy(rows, (r) => r.expires).map((r) => r.name)).toEqual(["a.com", "b10.com", "b2.com"]);
    expect(sortBy(rows, (r) => r.expires, false).map((r) => r.name)).toEqual(["b10.com", "a.com", "b2.com"]);
  });

  it("is stable for equal values", () => {
    const same = [{ k: 1, id: "x" }, { k: 1, id: "y" }, { k: 0, id: "z" }];
    expect(sortBy(same, (r) => r.k).map((r) => r.id)).toEqual(["z", "x", "y"]);
  });
});
