// Choosing mailboxes in a long list (Mailboxes → Manage, Exports): ids and addresses, the
// domains present, and a selection of mailbox ids (lib/selection) that survives filtering. Screens that can act
// on only some mailboxes (an export takes ACTIVE ones) pass which are `eligible`.
import type { Mailbox } from "../../bindings";
import * as ids from "../selection";

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
  return ids.allShownSelected(selected, shown.filter(eligible).map(mailboxId));
}

/** Select all: adds every eligible mailbox shown; when all were selected, removes them. */
export function toggleAllShown(selected: ReadonlySet<string>, shown: Mailbox[], eligible: Eligible = anyMailbox): Set<string> {
  return ids.toggleShown(selected, shown.filter(eligible).map(mailboxId));
}

export const toggleOne = ids.toggle;

/** Selected mailboxes still in the list and still eligible, in list order. */
export function selectedMailboxes(list: Mailbox[], selected: ReadonlySet<string>, eligible: Eligible = anyMailbox): Mailbox[] {
  if (selected.size === 0) return [];
  return list.filter((m) => selected.has(mailboxId(m)) && eligible(m));
}
