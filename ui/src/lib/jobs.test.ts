import { describe, expect, it, vi } from "vitest";
import type { JobView } from "../bindings";
import { isNewer, watchJob } from "./jobs";

const job = (over: Partial<JobView>): JobView => ({
  id: "j1",
  profileId: "p",
  operation: "remove_mailbox",
  label: "Remove 1 mailbox",
  state: "running",
  total: 1,
  pending: 0,
  running: 1,
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  unknown: 0,
  createdAt: "2026-11-26T10:00:00.000Z",
  updatedAt: "2026-11-26T10:00:01.000Z",
  ...over,
});

describe("job views", () => {
  it("never lets an older read undo a newer event", () => {
    const done = job({ state: "completed", running: 0, succeeded: 1, updatedAt: "2026-11-26T10:00:02.000Z" });
    const staleRead = job({});
    expect(isNewer(done, staleRead)).toBe(false);
    expect(isNewer(staleRead, done)).toBe(true);
    expect(isNewer(null, staleRead)).toBe(true);
    expect(isNewer(done, job({ id: "j2" }))).toBe(true);
  });

  it("reads a running job until it settles, then stops", async () => {
    vi.useFakeTimers();
    const reads = [job({}), job({ state: "completed", succeeded: 1, running: 0, updatedAt: "2026-11-26T10:00:05.000Z" })];
    const read = vi.fn(async () => reads.shift() ?? null);
    const seen: string[] = [];
    watchJob(read, (j) => seen.push(j.state), 100);
    await vi.advanceTimersByTimeAsync(450);
    expect(seen).toEqual(["running", "completed"]);
    expect(read).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });
});
