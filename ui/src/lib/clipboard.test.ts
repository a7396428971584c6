import { afterEach, describe, expect, it, vi } from "vitest";
import { copyText } from "./clipboard";

describe("copyText", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("uses the Clipboard API when it is there", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    expect(await copyText("# report")).toBe(true);
    expect(writeText).toHaveBeenCalledWith("# report");
  });

  it("falls back to a selection copy and reports failure", async () => {
    vi.stubGlobal("navigator", { clipboard: { writeText: vi.fn().mockRejectedValue(new Error("denied")) } });
    const exec = vi.fn().mockReturnValue(false);
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    expect(await copyText("x")).toBe(false);
    expect(exec).toHaveBeenCalledWith("copy");
    expect(document.querySelectorAll("textarea").length).toBe(0);
  });
});
