import { describe, expect, it, vi } from "vitest";
import type { Cached, CacheChanged } from "../bindings";

vi.mock("../bindings", () => ({ events: {} }));
const { CachedList, concerns } = await import("./cachedList.svelte");

const cached = (customerId: string, data: string[], stale = false): Cached<string[]> =>
  ({ kind: "domains", customerId, data, syncedAt: "2026-12-01T10:00:00Z", stale });
const change = (over: Partial<CacheChanged>): CacheChanged =>
  ({ kind: "domains", customerId: "U1", syncedAt: "2026-12-01T10:00:00Z", stale: true, itemCount: 1, complete: true, ...over });

describe("CachedList", () => {
  it("keeps the rows, sync time and staleness of the last answer", async () => {
    const list = new CachedList<string>(async (id) => cached(id ?? "", ["a.com"], true));
    expect(await list.load("U1")).toEqual(["a.com"]);
    expect([list.rows, list.syncedAt, list.stale]).toEqual([["a.com"], "2026-12-01T10:00:00Z", true]);
    list.clear();
    expect(list.rows).toBeNull();
  });

  it("drops an answer for a customer no longer shown", async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const list = new CachedList<string>(async (id) => {
      if (id === "U1") await slow;
      return cached(id ?? "", [`${id}.com`]);
    });
    const first = list.load("U1");
    await list.load("U2");
    release();
    expect(await first).toBeNull();
    expect(list.rows).toEqual(["U2.com"]);
  });

  it("keeps a failed read as its error", async () => {
    const list = new CachedList<string>(async () => {
      throw { code: "network", message: "offline", status: null, fields: null, actionId: null };
    });
    expect(await list.load("U1")).toBeNull();
    expect(list.error?.code).toBe("network");
  });
});

describe("concerns", () => {
  it("matches the kinds for the customer shown, and account-wide changes", () => {
    expect(concerns(change({}), ["domains"], "U1")).toBe(true);
    expect(concerns(change({ customerId: "U2" }), ["domains"], "U1")).toBe(false);
    expect(concerns(change({ kind: "mailboxes" }), ["domains"], "U1")).toBe(false);
    expect(concerns(change({ kind: "customers", customerId: null }), ["customers"], null)).toBe(true);
  });
});
