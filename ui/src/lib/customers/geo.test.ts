import { describe, expect, it } from "vitest";
import { geoOptions } from "./geo";

describe("geo lists", () => {
  it("reads name → code maps", () => {
    expect(geoOptions({ Germany: "DE", "United States": "US", Austria: "AT" })).toEqual([
      ["AT", "Austria"],
      ["DE", "Germany"],
      ["US", "United States"],
    ]);
  });

  it("reads code → name maps", () => {
    expect(geoOptions({ NY: "New York", CA: "California" })).toEqual([
      ["CA", "California"],
      ["NY", "New York"],
    ]);
  });
});
