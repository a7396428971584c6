import { beforeEach, describe, expect, it, vi } from "vitest";
import type { JobItemView, JobView } from "../bindings";

const api = vi.hoisted(() => ({ getJobItems: vi.fn(), getBulkJob: vi.fn() }));
vi.mock("../bindings", () => ({ commands: api, events: {} }));
vi.mock("./activeProfile.svelte", () => ({ onJobProgress: () => Promise.resolve(() => {}) }));

const { JobFollower } = await import("./jobFollower.svelte");

const job = (over: Partial<JobView> = {}): JobView => ({
  id: "j1", profileId: "p", operation: "remove_mailbox", label: "Remove 2", state: "running", total: 2,
  pending: 2, running: 0, succeeded: 0, failed: 0, cancelled: 0, unknown: 0,
  createdAt: "2026-11-26T10:00:00.000Z", updatedAt: "2026-11-26T10:00:01.000Z", ...over,
});
const item = (index: number, state: JobItemView["state"]): JobItemView =>
  ({ index, state, customerId: "u", subject: "", attempts: 1, actionId: null, result: null, error: null });
const ok = <T,>(data: T) => Promise.resolve({ status: "ok" as const, data });
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  api.getJobItems.mockReset();
  api.getBulkJob.mockReset();
});

describe("JobFollower", () => {
  it("maps items to rows and reports newer views with the state they left", async () => {
    api.getJobItems.mockImplementation(() => ok([item(0, "succeeded"), item(1, "failed")]));
    const updates: string[] = [];
    const f = new JobFollower((next, was) => updates.push(`${was}->${next.state}`));
    f.follow(job(), ["m1", "m2"]);
    await settle();
    expect(f.items.get("m2")?.state).toBe("failed");
    f.apply(job({ state: "completed_with_errors", succeeded: 1, failed: 1, pending: 0, updatedAt: "2026-11-26T10:00:05.000Z" }));
    // An older view arriving late does not take the job back in time.
    f.apply(job({ updatedAt: "2026-11-26T10:00:02.000Z" }));
    expect(f.job?.state).toBe("completed_with_errors");
    expect(updates).toEqual(["running->completed_with_errors"]);
    f.clear();
  });

  it("keeps a failed read as an error instead of dropping it", async () => {
    api.getJobItems.mockImplementation(() => ok({}).then(() => ({ status: "error" as const, error: { code: "storage", message: "disk full", status: null, fields: null, actionId: null } })));
    const f = new JobFollower();
    f.follow(job(), ["m1", "m2"]);
    await settle();
    expect(f.error).toMatchObject({ code: "storage", message: "disk full" });
    f.clear();
    expect(f.error).toBeNull();
  });

  it("ignores views of other jobs", () => {
    api.getJobItems.mockImplementation(() => ok([]));
    const f = new JobFollower();
    f.follow(job(), ["m1"]);
    f.apply(job({ id: "other", state: "completed_with_errors" }));
    expect(f.job?.id).toBe("j1");
    expect(f.job?.state).toBe("running");
    f.clear();
  });
});
