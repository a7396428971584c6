import { describe, expect, it } from "vitest";
import type { RowPage, RowQuery } from "../../bindings";
import { RowWindow } from "./rowWindow.svelte";

// A list of 1,000 addresses; a query word keeps those containing it.
const LIST = Array.from({ length: 1_000 }, (_, i) => `user${i}@acme.com`);

function fake() {
  const asked: RowQuery[] = [];
  const fetch = async (q: RowQuery): Promise<RowPage<string>> => {
    asked.push(q);
    const match = LIST.filter((a) => !q.filter?.query || a.includes(q.filter.query));
    const offset = q.offset ?? 0;
    return { total: match.length, offset, rows: match.slice(offset, offset + (q.limit ?? 0)), entry: null };
  };
  return { asked, fetch };
}

describe("RowWindow", () => {
  it("counts the whole list once; a filter keystroke reads one window", async () => {
    const { asked, fetch } = fake();
    const list = new RowWindow<string>(fetch);
    await list.reload();
    expect([list.total, list.all, asked.length]).toEqual([1_000, 1_000, 1]);
    expect(list.rowAt(0)).toBe("user0@acme.com");

    list.filter = { ...list.filter, query: "user99" };
    list.requery();
    await new Promise((r) => setTimeout(r, 0));
    expect([list.total, list.all]).toEqual([11, 1_000]);
    expect(asked.length).toBe(2);
    expect(asked[1]?.limit).toBeGreaterThan(0);
  });

  it("counts the whole list again when the list itself changed under a filter", async () => {
    const { asked, fetch } = fake();
    const list = new RowWindow<string>(fetch);
    list.filter = { ...list.filter, query: "user1" };
    await list.reload();
    expect([list.total, list.all]).toEqual([111, 1_000]);
    const before = asked.length;
    await list.reload();
    expect(asked.length - before).toBe(2);
    expect(asked.slice(-2).some((q) => q.limit === 0)).toBe(true);
  });
});

describe("RowWindow reads", () => {
  it("a new filter that scrolls back to the top reads the window once", async () => {
    const { asked, fetch } = fake();
    const list = new RowWindow<string>(fetch);
    await list.reload();
    list.onrange(600, 627);
    await new Promise((r) => setTimeout(r, 0));
    const before = asked.length;
    list.filter = { ...list.filter, query: "acme" };
    list.requery();
    // The list's scroll position is reset to the top while the read is in flight.
    list.onrange(0, 27);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.length - before).toBe(1);
    expect(list.rowAt(0)).toBe("user0@acme.com");
    // Scrolling further than the window read does read again.
    list.onrange(400, 427);
    await new Promise((r) => setTimeout(r, 0));
    expect(asked.length - before).toBe(2);
  });
});
