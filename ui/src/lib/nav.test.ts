import { describe, expect, it } from "vitest";
import { areaFromHash, areas } from "./nav";
import { describeKey, describeProfileKey } from "./profiles";

describe("navigation", () => {
  it("maps hashes to areas and falls back to the first area", () => {
    expect(areaFromHash("#/settings")).toBe("settings");
    expect(areaFromHash("#/settings/profiles")).toBe("settings");
    expect(areaFromHash("#/nowhere")).toBe(areas[0]!.id);
    expect(areaFromHash("")).toBe(areas[0]!.id);
  });

  it("opens on the Overview", () => {
    expect(areaFromHash("")).toBe("overview");
  });

  it("gives every area a distinct keyboard shortcut", () => {
    const keys = areas.map((a) => a.shortcut);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("key status", () => {
  it("never shows more than the mask", () => {
    expect(describeKey({ state: "set", mask: "…ab12" })).toBe("Set, ends in …ab12");
    expect(describeKey({ state: "missing" })).toBe("Not set");
    expect(describeKey({ state: "unavailable", message: "x" })).toBe("Keychain unavailable");
    expect(describeKey({ state: "locked" })).toBe("Locked in the vault");
    expect(describeKey({ state: "unreadable", message: "damaged" })).toBe("Vault unreadable");
    expect(describeProfileKey({ demo: true, key: { state: "set", mask: "…1234" } })).toBe("Built-in demo key");
    expect(describeProfileKey({ demo: false, key: { state: "missing" } })).toBe("Not set");
  });
});
