// Sorting a list by a column: click a header to sort by it, click again to reverse. Values
// compare as numbers, dates (ISO text) and text in the user's locale; empty values go last
// whichever the direction, so "no expiry" never hides the rows that need attention.
export type SortValue = string | number | boolean | null | undefined;

export class Sorter<K extends string> {
  key: K = $state(undefined as unknown as K);
  ascending = $state(true);

  constructor(key: K, ascending = true) {
    this.key = key;
    this.ascending = ascending;
  }

  toggle(key: K) {
    if (this.key === key) this.ascending = !this.ascending;
    else {
      this.key = key;
      this.ascending = true;
    }
  }

  /** `aria-sort` for a column header. */
  ariaSort(key: K): "ascending" | "descending" | "none" {
    return this.key !== key ? "none" : this.ascending ? "ascending" : "descending";
  }

  /** A sorted copy of `rows`, reading each row's value for the current key with `value`. */
  apply<T>(rows: T[], value: (row: T, key: K) => SortValue): T[] {
    return sortBy(rows, (r) => value(r, this.key), this.ascending);
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** A stable sorted copy; empty values (null, undefined, "") last in both directions. */
export function sortBy<T>(rows: T[], value: (row: T) => SortValue, ascending = true): T[] {
  const empty = (v: SortValue) => v === null || v === undefined || v === "";
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => {
      if (empty(x.v) || empty(y.v)) return empty(x.v) === empty(y.v) ? x.i - y.i : empty(x.v) ? 1 : -1;
      const c = compareValues(x.v, y.v);
      return c !== 0 ? (ascending ? c : -c) : x.i - y.i;
    })
    .map((x) => x.row);
}
