// Bulk-job views arrive two ways: progress events, and reads made by the screen. A read can
// return after a newer event; it must never take the view back in time.
import type { ItemState, JobItemView, JobView } from "../bindings";

const settledCount = (j: JobView) => j.succeeded + j.failed + j.cancelled + j.unknown;

/** True when `next` is at least as far along as `current` (same job). */
export function isNewer(current: JobView | null, next: JobView): boolean {
  if (!current || current.id !== next.id) return true;
  if (current.state !== "running" && next.state === "running" && next.updatedAt <= current.updatedAt) return false;
  if (next.updatedAt !== current.updatedAt) return next.updatedAt > current.updatedAt;
  return settledCount(next) >= settledCount(current);
}

/** While a job runs, reads it now and then: a safety net should a progress event be missed. */
export function watchJob(read: () => Promise<JobView | null>, apply: (j: JobView) => void, everyMs = 1500): () => void {
  let stopped = false;
  const timer = setInterval(async () => {
    const j = await read();
    if (stopped || !j) return;
    apply(j);
    if (j.state !== "running") stop();
  }, everyMs);
  function stop() {
    stopped = true;
    clearInterval(timer);
  }
  return stop;
}

/** Each job item's state by the row it carried (items keep the order they were sent in). */
export function itemStates(ids: string[], items: JobItemView[]): Map<string, JobItemView> {
  const map = new Map<string, JobItemView>();
  for (const item of items) {
    const id = ids[item.index];
    if (id) map.set(id, item);
  }
  return map;
}

export const itemWords: Record<ItemState, string> = {
  pending: "Waiting",
  running: "Sending",
  succeeded: "Queued at CMR",
  failed: "Failed",
  cancelled: "Cancelled",
  unknown: "Unknown — check before resending",
};
