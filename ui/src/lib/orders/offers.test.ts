import { describe, expect, it } from "vitest";
import { applyVerdicts, isDomainName, mergeOffers, offerProblem, searchProblem, toOffer, workspaceVerdicts } from "./offers";

describe("search box", () => {
  it("accepts keywords and full names, explains anything else", () => {
    expect(searchProblem("acme")).toBeNull();
    expect(searchProblem(" Acme.COM. ")).toBeNull();
    expect(searchProblem("")).toContain("keyword");
    expect(searchProblem("acme..com")).toContain("not a valid domain");
    expect(searchProblem("ac me")).toContain("letters, digits");
    expect(isDomainName("https://acme.io/path")).toBe(true);
  });
});

describe("offers", () => {
  it("read prices as cents from numbers or strings and skip nameless rows", () => {
    expect(toOffer({ domain: "Acme.com", available: true, price: 12.5 })).toEqual({
      domain: "acme.com",
      available: true,
      priceCents: 1250,
      workspace: "unchecked",
      exact: false,
    });
    expect(toOffer({ domainName: "acme.io", available: false, price: "35.00" })?.priceCents).toBe(3500);
    expect(toOffer({ available: true })).toBeNull();
  });

  it("keep one row per name with exact matches first", () => {
    const a = toOffer({ domain: "acme.com", available: true, price: 12 })!;
    const b = toOffer({ domain: "getacme.com", available: true, price: 12 })!;
    const exact = toOffer({ domain: "acme.io", available: true, price: 35 }, true)!;
    const merged = mergeOffers([a, b], [exact, { ...a, available: false }]);
    expect(merged.map((o) => o.domain)).toEqual(["acme.io", "acme.com", "getacme.com"]);
    expect(merged[1]!.available).toBe(false);
  });

  it("take the workspace pre-flight from the bulk answer, unknown when unreadable", () => {
    const v = workspaceVerdicts([
      { domainName: "fresh-a.com", workspaceExists: false },
      { domainName: "workspace-a.com", success: false },
      { domainName: "odd.com" },
      "junk",
    ]);
    expect([...v]).toEqual([
      ["fresh-a.com", "none"],
      ["workspace-a.com", "exists"],
      ["odd.com", "unknown"],
    ]);
    expect(workspaceVerdicts(null).size).toBe(0);
    const offers = applyVerdicts([toOffer({ domain: "workspace-a.com", available: true, price: 12 })!], v);
    expect(offerProblem(offers[0]!)).toContain("Workspace validation failed");
    expect(offerProblem({ ...offers[0]!, available: false })).toContain("Already registered");
    expect(offerProblem({ ...offers[0]!, workspace: "none" })).toBeNull();
  });
});
