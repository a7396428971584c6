// A selection of domains by name, kept apart from the list so filtering never loses it.

/** Toggles one name. */
export function toggle(selected: ReadonlySet<string>, name: string): Set<string> {
  const next = new Set(selected);
  if (next.has(name)) next.delete(name);
  else next.add(name);
  return next;
}

/** All shown names selected? (false for an empty list) */
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

/** Names no longer in the list are dropped (after a reload or a customer change). */
export function keepExisting(selected: ReadonlySet<string>, names: string[]): Set<string> {
  const all = new Set(names);
  return new Set([...selected].filter((n) => all.has(n)));
}
