import { describe, expect, it } from "vitest";
import { nextExclusions } from "./dmarc";

describe("DMARC exclusions the form sends", () => {
  it("stays omitted until the exclusions differ from the stored ones", () => {
    expect(nextExclusions(["ruf"], null, "rua", true)).toBeNull();
    expect(nextExclusions(["ruf"], null, "ruf", false)).toBeNull();
    expect(nextExclusions([], null, "ruf", false)).toEqual(["ruf"]);
    expect(nextExclusions([], ["ruf"], "ruf", true)).toBeNull();
  });

  it("adds and removes tags from the stored list", () => {
    expect(nextExclusions(["ruf"], null, "pct", false)).toEqual(["ruf", "pct"]);
    expect(nextExclusions(["ruf"], ["ruf", "pct"], "ruf", true)).toEqual(["pct"]);
    expect(nextExclusions(["ruf", "pct"], ["pct"], "ruf", false)).toBeNull();
  });

  it("never turns a checkbox into an empty list", () => {
    expect(nextExclusions(["ruf"], null, "ruf", true)).toBeNull();
    expect(nextExclusions(["ruf"], ["pct"], "pct", true)).toEqual(["pct"]);
  });
});
