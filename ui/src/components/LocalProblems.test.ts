import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import LocalProblems from "./LocalProblems.svelte";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  flushSync();
}

const settings = {
  kind: "settings",
  path: "/home/a/.config/com.cmrdesk.desktop/settings.json",
  message: "The settings file could not be read (EOF while parsing at line 1 column 24).",
  action: "Nothing else is affected.",
};
const endpoints = { kind: "endpoints", path: "/home/a/.config/com.cmrdesk.desktop/endpoints.toml", message: "endpoints.toml has 1 mistake(s).", action: "Correct it." };

describe("LocalProblems", () => {
  it("names each file with what is wrong and what to do, and hides one on request", async () => {
    mockIPC((cmd) => {
      if (cmd === "local_file_problems") return [settings, endpoints];
      if (cmd === "plugin:event|listen") return 1;
      return null;
    });
    const view = mount(LocalProblems, { target: document.body });
    await settle();
    const shown = () => [...document.querySelectorAll<HTMLElement>('[data-testid="local-problem"]')];
    expect(shown().map((e) => e.dataset.kind)).toEqual(["settings", "endpoints"]);
    const first = shown()[0]!;
    const text = first.textContent ?? "";
    expect(text).toContain(settings.path);
    expect(text).toContain("could not be read");
    expect(text).toContain("Nothing else is affected.");
    expect(first.getAttribute("role")).toBe("alert");
    first.querySelector("button")!.click();
    flushSync();
    expect(shown().map((e) => e.dataset.kind)).toEqual(["endpoints"]);
    unmount(view);
  });

  it("shows nothing when every file is fine", async () => {
    mockIPC((cmd) => (cmd === "local_file_problems" ? [] : cmd === "plugin:event|listen" ? 1 : null));
    const view = mount(LocalProblems, { target: document.body });
    await settle();
    expect(document.querySelectorAll('[data-testid="local-problem"]').length).toBe(0);
    unmount(view);
  });
});
