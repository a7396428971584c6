import { afterEach, describe, expect, it } from "vitest";
import { createRawSnippet, flushSync, mount, unmount } from "svelte";
import VirtualList from "./VirtualList.svelte";

afterEach(() => {
  document.body.innerHTML = "";
});

const row = createRawSnippet((item: () => { id: string }) => ({
  render: () => `<span class="cell">${item().id}</span>`,
}));

describe("VirtualList", () => {
  it("renders only a window of 50,000 rows and moves it with the scroll position", () => {
    const items = Array.from({ length: 50_000 }, (_, i) => ({ id: `m${i}` }));
    const list = mount(VirtualList<{ id: string }>, {
      target: document.body,
      props: { items, rowHeight: 30, height: 300, overscan: 5, key: (m) => m.id, label: "Mailboxes", row },
    });
    flushSync();
    const rendered = () => [...document.querySelectorAll(".cell")].map((c) => c.textContent);
    expect(rendered()).toHaveLength(15); // 10 in view + 5 below
    expect(rendered()[0]).toBe("m0");

    const viewport = document.querySelector<HTMLDivElement>('[data-testid="virtual-list"]')!;
    viewport.scrollTop = 30 * 25_000;
    viewport.dispatchEvent(new Event("scroll"));
    flushSync();
    expect(rendered()).toHaveLength(20);
    expect(rendered()).toContain("m25000");
    expect(rendered()).not.toContain("m0");
    expect(document.querySelector<HTMLElement>(".spacer")!.style.height).toBe(`${50_000 * 30}px`);
    unmount(list);
  });

  it("moves the active row with the keyboard", () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}` }));
    const list = mount(VirtualList<{ id: string }>, {
      target: document.body,
      props: { items, rowHeight: 30, height: 300, key: (m) => m.id, label: "Rows", row },
    });
    flushSync();
    const viewport = document.querySelector<HTMLDivElement>('[data-testid="virtual-list"]')!;
    const press = (key: string) => {
      viewport.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
      flushSync();
    };
    // The active descendant is the cell of the active row, named by an id in the document.
    const activeText = () => document.getElementById(viewport.getAttribute("aria-activedescendant")!)?.textContent?.trim();
    expect(viewport.getAttribute("role")).toBe("grid");
    press("ArrowDown");
    press("ArrowDown");
    expect(activeText()).toBe("r2");
    expect(document.getElementById(viewport.getAttribute("aria-activedescendant")!)?.getAttribute("role")).toBe("gridcell");
    press("End");
    // Row 99 is drawn once the scroll the move asked for has happened (not in this DOM).
    expect(viewport.getAttribute("aria-activedescendant")).toMatch(/-vrow-99$/);
    press("Home");
    expect(activeText()).toBe("r0");
    unmount(list);
  });

  it("gives two lists on one page different row ids", () => {
    const items = Array.from({ length: 3 }, (_, i) => ({ id: `r${i}` }));
    const props = { items, rowHeight: 30, height: 300, key: (m: { id: string }) => m.id, label: "Rows", row };
    const a = mount(VirtualList<{ id: string }>, { target: document.body, props });
    const b = mount(VirtualList<{ id: string }>, { target: document.body, props });
    flushSync();
    const ids = [...document.querySelectorAll("[id]")].map((el) => el.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    unmount(a);
    unmount(b);
  });
});
