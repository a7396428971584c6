import { describe, expect, it } from "vitest";
import { passphraseStrength } from "./vault";

describe("passphraseStrength", () => {
  it("counts characters, not UTF-16 units, against the minimum", () => {
    expect(passphraseStrength("short", 12)).toEqual({ level: "short", text: "Too short: 5 of at least 12 characters." });
    expect(passphraseStrength("ééééééééééé", 12).level).toBe("short");
    expect(passphraseStrength("éééééééééééé", 12).level).not.toBe("short");
  });

  it("calls four words or twenty characters good, and the bare minimum fair", () => {
    expect(passphraseStrength("abcdefghijkl", 12).level).toBe("fair");
    expect(passphraseStrength("granite lantern orbit seven", 12).level).toBe("good");
    expect(passphraseStrength("Tr0ub4dor&3xyzab", 12).level).toBe("good");
    expect(passphraseStrength("aaaaaaaaaaaaaaaaaaaa", 12).level).toBe("good");
  });
});
