// A selection of rows by id (domain name, mailbox id), kept apart from the list so filtering
// never loses it. Every list with checkboxes uses these, so "select all" means the same
// everywhere: the rows shown, not the rows hidden by a filter.

/** Toggles one id. */
export function toggle(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** All shown ids selected? (false for an empty list) */
export function allShownSelected(selected: ReadonlySet<string>, shown: string[]): boolean {
  return shown.length > 0 && shown.every((n) => selected.has(n));
}

/** Select all shown, or clear the shown ones when they all are selected already. */
export function toggleShown(selected: ReadonlySet<string>, shown: string[]): Set<string> {
  const next = new Set(selected);
  if (allShownSelected(selected, shown)) shown.forEach((n) => next.delete(n));
  else shown.forEach((n) => next.add(n));
  return next;
}

/** Ids no longer in the list are dropped (after a reload or a customer change). */
export function keepExisting(selected: ReadonlySet<string>, ids: string[]): Set<string> {
  const all = new Set(ids);
  return new Set([...selected].filter((n) => all.has(n)));
}
