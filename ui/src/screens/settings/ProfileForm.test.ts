import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, unmount } from "svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import ProfileForm from "./ProfileForm.svelte";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

async function settle() {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  flushSync();
}

describe("ProfileForm", () => {
  it("shows the backend's field messages under the fields and keeps the form open", async () => {
    const calls: Array<{ cmd: string; args: unknown }> = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      throw {
        code: "validation",
        message: "Please correct the 2 highlighted fields.",
        status: null,
        fields: { name: "Another profile already has this name.", apiKey: "An API key has no spaces or line breaks." },
        actionId: null,
      };
    });
    const onsaved = vi.fn();
    const form = mount(ProfileForm, { target: document.body, props: { onsaved, oncancel: () => {} } });
    flushSync();

    const name = document.querySelector<HTMLInputElement>("#profile-name")!;
    name.value = "Agency";
    name.dispatchEvent(new Event("input"));
    const key = document.querySelector<HTMLInputElement>("#profile-key")!;
    key.value = "bad key";
    key.dispatchEvent(new Event("input"));
    document.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();

    expect(calls).toHaveLength(1);
    expect(calls[0]!.cmd).toBe("create_profile");
    expect(calls[0]!.args).toMatchObject({ input: { name: "Agency", apiKey: "bad key", environment: "production" } });
    expect(document.querySelector('[data-testid="profile-name-error"]')?.textContent).toBe(
      "Another profile already has this name.",
    );
    expect(document.querySelector('[data-testid="profile-key-error"]')?.textContent).toContain("no spaces");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    expect(onsaved).not.toHaveBeenCalled();
    unmount(form);
  });

  it("hands the saved profile back without keeping the key", async () => {
    const saved = {
      id: "p1",
      name: "Agency",
      environment: "production",
      baseUrl: "https://customers.coldmailreseller.com/api/v1/integration",
      defaultCustomerId: null,
      key: { state: "set", mask: "…ab12" },
      active: true,
      demo: false,
    };
    mockIPC(() => saved);
    const onsaved = vi.fn();
    const form = mount(ProfileForm, { target: document.body, props: { onsaved, oncancel: () => {} } });
    flushSync();
    const key = document.querySelector<HTMLInputElement>("#profile-key")!;
    key.value = "cmr_partner_key_ab12";
    key.dispatchEvent(new Event("input"));
    document.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    await settle();
    expect(onsaved).toHaveBeenCalledWith(saved);
    expect(key.value).toBe("");
    unmount(form);
  });
});
