// Choosing mailboxes in a long list (Mailboxes → Manage, Exports): ids and addresses, the
// domains present, and a selection of mailbox ids that survives filtering. Screens that can act
// on only some mailboxes (an export takes ACTIVE ones) pass which are `eligible`.
import type { Mailbox } from "../../bindings";

export type Eligible = (m: Mailbox) => boolean;
const anyMailbox: Eligible = () => true;

export function mailboxId(m: Mailbox): string {
  return m.mailboxId ?? "";
}

export function mailboxEmail(m: Mailbox): string {
  return m.email ?? (m.username && m.domain ? `${m.username}@${m.domain}` : mailboxId(m));
}

export function statusOf(m: Mailbox): string {
  return (m.status ?? "").toUpperCase();
}

/** The warmup state, or "NONE" when the mailbox was never enrolled. */
export function warmupOf(m: Mailbox): string {
  return (m.warmupStatus ?? "").toUpperCase() || "NONE";
}

export function domainsOf(list: Mailbox[]): string[] {
  return [...new Set(list.map((m) => m.domain ?? "").filter(Boolean))].sort();
}

/** The search words of a query: lower case, split on spaces; every word must match. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether every eligible mailbox shown is selected (and there is at least one). */
export function allShownSelected(selected: ReadonlySet<string>, shown: Mailbox[], eligible: Eligible = anyMailbox): boolean {
  const ids = shown.filter(eligible).map(mailboxId);
  return ids.length > 0 && ids.every((id) => selected.has(id));
}

/** Select all: adds every eligible mailbox shown; when all were selected, removes them. */
export function toggleAllShown(selected: ReadonlySet<string>, shown: Mailbox[], eligible: Eligible = anyMailbox): Set<string> {
  const next = new Set(selected);
  const all = allShownSelected(selected, shown, eligible);
  for (const m of shown) {
    if (!eligible(m)) continue;
    if (all) next.delete(mailboxId(m));
    else next.add(mailboxId(m));
  }
  return next;
}

export function toggleOne(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Selected mailboxes still in the list and still eligible, in list order. */
export function selectedMailboxes(list: Mailbox[], selected: ReadonlySet<string>, eligible: Eligible = anyMailbox): Mailbox[] {
  if (selected.size === 0) return [];
  return list.filter((m) => selected.has(mailboxId(m)) && eligible(m));
}
