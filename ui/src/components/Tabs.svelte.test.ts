import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import Tabs from "./Tabs.svelte";

const tabs = [
  { id: "a", label: "First" },
  { id: "b", label: "Second" },
  { id: "c", label: "Third" },
] as const;

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = "";
});

function render(start: "a" | "b" | "c") {
  const seen: string[] = [];
  app = mount(Tabs, { target: document.body, props: { tabs, value: start, label: "Views", onchange: (id: string) => seen.push(id) } });
  flushSync();
  const buttons = () => [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  return { seen, buttons };
}

const key = (el: Element, k: string) => el.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));

describe("Tabs", () => {
  it("marks the current tab and keeps only it in the Tab order", () => {
    const { buttons } = render("b");
    expect(buttons().map((b) => b.getAttribute("aria-selected"))).toEqual(["false", "true", "false"]);
    expect(buttons().map((b) => b.tabIndex)).toEqual([-1, 0, -1]);
    expect(buttons()[0]?.dataset.testid).toBe("tab-a");
  });

  it("moves with the arrow keys, wrapping, and with Home and End", () => {
    const { seen, buttons } = render("c");
    key(buttons()[2]!, "ArrowRight");
    flushSync();
    expect(seen).toEqual(["a"]);
    expect(document.activeElement).toBe(buttons()[0]);
    key(buttons()[0]!, "ArrowLeft");
    key(buttons()[2]!, "Home");
    key(buttons()[0]!, "End");
    flushSync();
    expect(seen).toEqual(["a", "c", "a", "c"]);
    expect(buttons()[2]?.getAttribute("aria-selected")).toBe("true");
  });

  it("ignores other keys", () => {
    const { seen, buttons } = render("a");
    key(buttons()[0]!, "x");
    expect(seen).toEqual([]);
  });
});
