import { describe, expect, it } from "vitest";
import { allShownSelected, keepExisting, toggle, toggleShown } from "./selection";

describe("selection", () => {
  it("toggles one name", () => {
    const s = toggle(new Set(), "a.com");
    expect([...s]).toEqual(["a.com"]);
    expect([...toggle(s, "a.com")]).toEqual([]);
  });

  it("selects all shown, keeping hidden choices, and clears them when all were selected", () => {
    const s = toggleShown(new Set(["z.com"]), ["a.com", "b.com"]);
    expect([...s].sort()).toEqual(["a.com", "b.com", "z.com"]);
    expect(allShownSelected(s, ["a.com", "b.com"])).toBe(true);
    expect([...toggleShown(s, ["a.com", "b.com"])]).toEqual(["z.com"]);
    expect(allShownSelected(new Set(), [])).toBe(false);
  });

  it("drops names that left the list", () => {
    expect([...keepExisting(new Set(["a.com", "gone.com"]), ["a.com", "b.com"])]).toEqual(["a.com"]);
  });
});
