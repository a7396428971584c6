// A window onto a list kept as rows in the local cache: how many rows match the filter, how
// many the list holds, and the rows around what is in view, fetched as the user scrolls.
// Filters and sorting run in SQL; only the rows in view cross IPC. Answers for an older
// query (a filter typed since) are dropped. A keystroke costs one read: the unfiltered count
// is read again only when the list itself may have changed.
import type { CacheEntryInfo, RowFilter, RowPage, RowQuery, RowSort } from "../../bindings";

export const WINDOW = 200;
const MARGIN = 50;

export type Fetch<T> = (query: RowQuery) => Promise<RowPage<T>>;

export class RowWindow<T> {
  /** Rows matching the filter. */
  total = $state(0);
  /** Rows the list holds, unfiltered. */
  all = $state(0);
  entry = $state<CacheEntryInfo | null>(null);
  /** Whether an answer has come since the list was (re)opened. */
  loaded = $state(false);
  filter = $state<RowFilter>({ query: "", domain: "", status: "", warmup: "" });
  sort = $state<RowSort>("position");
  descending = $state(false);
  #offset = $state(0);
  // Raw: rows are replaced whole, never changed in place, so they need no deep proxies.
  #rows = $state.raw<T[]>([]);
  #seq = 0;
  #range: [number, number] = [0, 0];
  /** The window the read in flight asks for: a scroll that wants the same waits for it. */
  #asking: string | null = null;

  constructor(private readonly fetch: Fetch<T>) {}

  rowAt = (index: number): T | undefined => this.#rows[index - this.#offset];

  /** The view shows `[first, last)`: fetch around it unless held. */
  onrange = (first: number, last: number) => {
    this.#range = [first, last];
    const held = first >= this.#offset && Math.min(last, this.total) <= this.#offset + this.#rows.length;
    // A new filter scrolls the list back to the top, which asks for the window its own read
    // is already reading: one read per keystroke, not two.
    if (!held && this.#asking !== JSON.stringify(this.#query())) void this.reload(false);
  };

  /** The window around the rows in view, with the filter and sort as they are. */
  #query(): RowQuery {
    const offset = Math.max(0, this.#range[0] - MARGIN);
    return { filter: { ...this.filter }, sort: this.sort, descending: this.descending, offset, limit: WINDOW };
  }

  /** A key that changes with the filter and sort (the list goes back to the top). */
  get queryKey(): string {
    return JSON.stringify([this.filter, this.sort, this.descending]);
  }

  /**
   * Reads the window around the rows in view again. `listChanged` (new rows, a sync) also
   * counts the whole list again; a filter, a sort or a scroll leaves that count as it was.
   */
  async reload(listChanged = true): Promise<void> {
    const seq = ++this.#seq;
    const query = this.#query();
    this.#asking = JSON.stringify(query);
    const unfiltered = !this.filter.query && !this.filter.domain && !this.filter.status && !this.filter.warmup;
    // Without a filter the page's own total is the whole list's count.
    const countAll = (listChanged || !this.loaded) && !unfiltered;
    const [page, whole] = await Promise.all([this.fetch(query), countAll ? this.fetch({ limit: 0 }) : Promise.resolve(null)]);
    if (seq !== this.#seq) return;
    this.#asking = null;
    this.#offset = page.offset;
    this.#rows = page.rows;
    this.total = page.total;
    if (unfiltered) this.all = page.total;
    else if (whole) this.all = whole.total;
    this.entry = page.entry;
    this.loaded = true;
  }

  /** Back to the top with a new filter or sort. */
  requery() {
    this.#range = [0, this.#range[1] - this.#range[0]];
    void this.reload(false);
  }

  /** Sorts by `column`; the same column again turns the order round. */
  sortBy(column: RowSort) {
    if (this.sort === column) this.descending = !this.descending;
    else [this.sort, this.descending] = [column, false];
    this.requery();
  }

  clear() {
    this.#seq++;
    this.#asking = null;
    this.#rows = [];
    this.#offset = 0;
    this.total = 0;
    this.all = 0;
    this.entry = null;
    this.loaded = false;
    this.filter = { query: "", domain: "", status: "", warmup: "" };
    this.sort = "position";
    this.descending = false;
  }
}
