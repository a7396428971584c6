// Following one bulk job on a screen (Mailboxes → Manage, Exports): progress events first, a
// read of the job now and then as a safety net, and each row's item state. A failed read is
// kept in `error` for the screen's banner, never dropped.
import { commands, type AppError, type JobItemView, type JobView } from "../bindings";
import { onJobProgress } from "./activeProfile.svelte";
import { call, toAppError } from "./errors";
import { onEvent } from "./events";
import { isNewer, itemStates, watchJob } from "./jobs";

export class JobFollower {
  job = $state<JobView | null>(null);
  items = $state<Map<string, JobItemView>>(new Map());
  error = $state<AppError | null>(null);
  #rowIds: string[] = [];
  #stopWatch = () => {};

  /** `onupdate` runs after each newer view of the followed job, with the state it had before. */
  constructor(private readonly onupdate?: (job: JobView, was: JobView["state"]) => void) {}

  /** Listens to progress events; call from onMount and return what it returns. */
  listen(): () => void {
    const stopEvents = onEvent(onJobProgress((j) => this.apply(j)));
    return () => {
      this.#stopWatch();
      stopEvents();
    };
  }

  /** Follows a job just started; `rowIds[i]` is the row the job's item `i` belongs to. */
  follow(started: JobView, rowIds: string[]) {
    this.#rowIds = rowIds;
    this.job = started;
    this.items = new Map();
    this.error = null;
    // Progress events sent before the job was known here were not matched, and a small job can
    // finish before `startBulkJob` returns: read it until it settles as well.
    this.#stopWatch();
    this.#stopWatch = watchJob(() => this.#read(started.id), (j) => this.apply(j));
    void this.refreshItems();
  }

  /** A job view that came from elsewhere (cancel, retry): take it as it is. */
  replace(job: JobView) {
    this.job = job;
    void this.refreshItems();
  }

  clear() {
    this.#stopWatch();
    this.job = null;
    this.items = new Map();
    this.error = null;
  }

  apply(next: JobView) {
    const current = this.job;
    if (!current || next.id !== current.id || !isNewer(current, next)) return;
    this.job = next;
    void this.refreshItems();
    this.onupdate?.(next, current.state);
  }

  async refreshItems() {
    const job = this.job;
    if (!job) return;
    try {
      const list = await call(commands.getJobItems(job.id, null, 0, Math.max(job.total, 1)));
      if (this.job?.id === job.id) this.items = itemStates(this.#rowIds, list);
    } catch (e) {
      this.error = toAppError(e);
    }
  }

  async #read(id: string): Promise<JobView | null> {
    try {
      return await call(commands.getBulkJob(id));
    } catch (e) {
      this.error = toAppError(e);
      return null;
    }
  }
}
