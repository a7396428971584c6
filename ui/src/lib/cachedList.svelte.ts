// A cached list on a screen: its rows, when they were read from CMR, whether a change since
// may have made them out of date, and the `cacheChanged` events that say so. One place for
// what screens did each their own way: read (optionally fresh from CMR), keep the newest
// answer for the customer still shown, and follow the cache's events.
import { events, type AppError, type CacheKind, type Cached, type CacheChanged } from "../bindings";
import { onEvent } from "./events";
import { Task } from "./task.svelte";

export class CachedList<T> {
  rows = $state<T[] | null>(null);
  syncedAt = $state<string | null>(null);
  /** CMR may have changed since the rows were read (a tracked action settled). */
  stale = $state(false);
  readonly loader = new Task();
  #shown: string | null = null;

  constructor(private readonly read: (customerId: string | null, refresh: boolean) => Promise<Cached<T[]>>) {}

  get error(): AppError | null {
    return this.loader.error;
  }

  get busy(): boolean {
    return this.loader.busy;
  }

  /** Reads the list (`refresh`: from CMR, not the cache); an answer for a customer no longer
   *  shown is dropped. */
  async load(customerId: string | null, refresh = false): Promise<T[] | null> {
    this.#shown = customerId;
    const cached = await this.loader.run(() => this.read(customerId, refresh));
    if (!cached || this.#shown !== customerId) return null;
    this.rows = cached.data;
    this.syncedAt = cached.syncedAt;
    this.stale = cached.stale;
    return cached.data;
  }

  /** Forgets the rows (another customer is being opened). */
  clear() {
    this.rows = null;
    this.syncedAt = null;
    this.stale = false;
  }
}

/** True when a `cacheChanged` event is about one of `kinds` for `customerId` (account-wide
 *  lists have no customer and match any). */
export function concerns(change: CacheChanged, kinds: readonly CacheKind[], customerId: string | null): boolean {
  return kinds.includes(change.kind) && (change.customerId === null || change.customerId === customerId);
}

/** Follows `cacheChanged` for `kinds` of the customer `customer()` names now; `onchange` gets
 *  the event when it concerns them. Returns the stop function for a component's cleanup. */
export function watchCache(kinds: readonly CacheKind[], customer: () => string | null, onchange: (change: CacheChanged) => void): () => void {
  return onEvent(
    events.cacheChanged.listen((e) => {
      if (concerns(e.payload, kinds, customer())) onchange(e.payload);
    }),
  );
}
