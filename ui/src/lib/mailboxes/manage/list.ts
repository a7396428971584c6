// The Manage list: filter a customer's mailboxes in memory (one pass, so 50,000 rows stay
// instant) and keep a selection of mailbox ids that survives filtering.
import type { Mailbox } from "../../../bindings";

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

export const statusWords: Record<string, string> = {
  IN_PROGRESS: "Being created",
  CREATING_PASSWORD: "Setting password",
  ACTIVE: "Active",
  EXPIRED: "Expired",
};

export const warmupWords: Record<string, string> = {
  NONE: "No warmup",
  PENDING: "Warmup starting",
  ACTIVE: "Warming up",
  PAUSED: "Warmup paused",
  STOPPED: "Warmup removed",
};

export interface ManageFilter {
  query: string;
  domain: string;
  /** "" or a mailbox status. */
  status: string;
  /** "" or a warmup state (NONE for never enrolled). */
  warmup: string;
}

export const emptyFilter = (): ManageFilter => ({ query: "", domain: "", status: "", warmup: "" });

export function filterMailboxes(list: Mailbox[], f: ManageFilter): Mailbox[] {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length && !f.domain && !f.status && !f.warmup) return list;
  return list.filter((m) => {
    if (f.domain && m.domain !== f.domain) return false;
    if (f.status && statusOf(m) !== f.status) return false;
    if (f.warmup && warmupOf(m) !== f.warmup) return false;
    if (!words.length) return true;
    const text = `${mailboxEmail(m)} ${m.firstName ?? ""} ${m.lastName ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function domainsOf(list: Mailbox[]): string[] {
  return [...new Set(list.map((m) => m.domain ?? "").filter(Boolean))].sort();
}

export function allShownSelected(selected: ReadonlySet<string>, shown: Mailbox[]): boolean {
  return shown.length > 0 && shown.every((m) => selected.has(mailboxId(m)));
}

/** Select all shown; when all shown were selected already, unselect them. */
export function toggleAllShown(selected: ReadonlySet<string>, shown: Mailbox[]): Set<string> {
  const next = new Set(selected);
  const all = allShownSelected(selected, shown);
  for (const m of shown) {
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

/** Selected mailboxes still in the list, in list order (a removed mailbox drops out). */
export function selectedMailboxes(list: Mailbox[], selected: ReadonlySet<string>): Mailbox[] {
  if (selected.size === 0) return [];
  return list.filter((m) => selected.has(mailboxId(m)));
}
