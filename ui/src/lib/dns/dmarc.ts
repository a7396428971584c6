// The DMARC builder's exclusions as the UI sends them. CMR keeps a record's exclusions until
// an update replaces them (a list) or clears them (`[]`); an omitted field keeps them. So the
// form holds `null` (omit) while the exclusions equal the stored ones, and never produces `[]`
// from a checkbox: clearing is its own, visible action.

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((t) => b.includes(t));

/** The exclusions after ticking (`on`) or unticking a tag. */
export function nextExclusions(stored: string[], excluded: string[] | null, tag: string, on: boolean): string[] | null {
  const now = excluded ?? stored;
  const next = on ? now.filter((t) => t !== tag) : now.includes(tag) ? now : [...now, tag];
  if (sameSet(next, stored)) return null;
  // Re-including the last stored exclusion would send []: only "Clear exclusions" does that.
  if (next.length === 0) return excluded;
  return next;
}
