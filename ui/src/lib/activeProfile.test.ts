import { describe, expect, it } from "vitest";
import type { ActionView, ProfileView } from "../bindings";
import { onlyActiveProfile, setActiveProfile } from "./activeProfile.svelte";

const profile = (id: string) => ({ id, name: id, active: true, demo: id === "demo" }) as ProfileView;
const action = (profileId: string, id: string) => ({ payload: { id, profileId } as ActionView });

describe("active profile filter", () => {
  it("passes only the active profile's events, and follows a switch", () => {
    const seen: string[] = [];
    const handler = onlyActiveProfile<ActionView>((a) => seen.push(a.id));

    setActiveProfile(null);
    handler(action("demo", "before-known"));
    expect(seen).toEqual([]);

    setActiveProfile(profile("demo"));
    handler(action("demo", "d1"));
    handler(action("agency", "a1"));
    expect(seen).toEqual(["d1"]);

    setActiveProfile(profile("agency"));
    handler(action("demo", "d2"));
    handler(action("agency", "a2"));
    expect(seen).toEqual(["d1", "a2"]);
  });
});
