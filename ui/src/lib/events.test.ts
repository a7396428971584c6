import { describe, expect, it, vi } from "vitest";
import { onEvent, onEvents } from "./events";

describe("onEvent", () => {
  it("unlistens once registered", async () => {
    const unlisten = vi.fn();
    const stop = onEvent(Promise.resolve(unlisten));
    await Promise.resolve();
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it("still unlistens when stopped before the listener was registered", async () => {
    const unlisten = vi.fn();
    let register: (f: () => void) => void = () => {};
    const stop = onEvent(new Promise((resolve) => (register = resolve)));
    stop();
    expect(unlisten).not.toHaveBeenCalled();
    register(unlisten);
    await Promise.resolve();
    await Promise.resolve();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it("stops several together and reports a failed listen", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const a = vi.fn();
    const stop = onEvents(Promise.resolve(a), Promise.reject(new Error("ipc gone")));
    await new Promise((r) => setTimeout(r, 0));
    stop();
    expect(a).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith("Could not listen to app events:", expect.any(Error));
    error.mockRestore();
  });
});
