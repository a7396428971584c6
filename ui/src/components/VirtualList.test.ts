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
    press("ArrowDown");
    press("ArrowDown");
    expect(viewport.getAttribute("aria-activedescendant")).toBe("vrow-2");
    press("End");
    expect(viewport.getAttribute("aria-activedescendant")).toBe("vrow-99");
    press("Home");
    expect(viewport.getAttribute("aria-activedescendant")).toBe("vrow-0");
    unmount(list);
  });
});
