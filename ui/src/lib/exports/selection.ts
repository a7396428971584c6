// Choosing mailboxes to export: filter by text, domain and status; select all that are shown
// and can be exported (CMR exports only ACTIVE mailboxes); per-mailbox progress of the job.
import type { ItemState, JobItemView, Mailbox } from "../../bindings";

export function mailboxId(m: Mailbox): string {
  return m.mailboxId ?? "";
}

export function mailboxEmail(m: Mailbox): string {
  return m.email ?? (m.username && m.domain ? `${m.username}@${m.domain}` : mailboxId(m));
}

/** Only ACTIVE mailboxes can be exported. */
export function exportable(m: Mailbox): boolean {
  return (m.status ?? "").toUpperCase() === "ACTIVE";
}

export interface MailboxFilter {
  query: string;
  domain: string;
  /** "" for all, "exportable" for ACTIVE only. */
  status: string;
}

export function filterMailboxes(list: Mailbox[], f: MailboxFilter): Mailbox[] {
  const words = f.query.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((m) => {
    if (f.domain && m.domain !== f.domain) return false;
    if (f.status === "exportable" && !exportable(m)) return false;
    if (f.status && f.status !== "exportable" && (m.status ?? "").toUpperCase() !== f.status) return false;
    if (!words.length) return true;
    const text = `${mailboxEmail(m)} ${m.firstName ?? ""} ${m.lastName ?? ""} ${m.serviceProvider ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function domainsOf(list: Mailbox[]): string[] {
  return [...new Set(list.map((m) => m.domain ?? "").filter(Boolean))].sort();
}

/** Whether every exportable mailbox shown is selected (and there is at least one). */
export function allShownSelected(selected: ReadonlySet<string>, shown: Mailbox[]): boolean {
  const ids = shown.filter(exportable).map(mailboxId);
  return ids.length > 0 && ids.every((id) => selected.has(id));
}

/** Select all: adds every exportable mailbox shown; if all were selected, removes them. */
export function toggleAllShown(selected: ReadonlySet<string>, shown: Mailbox[]): Set<string> {
  const next = new Set(selected);
  const ids = shown.filter(exportable).map(mailboxId);
  if (allShownSelected(selected, shown)) ids.forEach((id) => next.delete(id));
  else ids.forEach((id) => next.add(id));
  return next;
}

export function toggleOne(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Selected mailboxes, in list order, that are still exportable. */
export function selectedMailboxes(list: Mailbox[], selected: ReadonlySet<string>): Mailbox[] {
  return list.filter((m) => selected.has(mailboxId(m)) && exportable(m));
}

/** Each job item's state by the mailbox it carried (items keep the order they were sent in). */
export function itemStates(ids: string[], items: JobItemView[]): Map<string, JobItemView> {
  const map = new Map<string, JobItemView>();
  for (const item of items) {
    const id = ids[item.index];
    if (id) map.set(id, item);
  }
  return map;
}

export const itemWords: Record<ItemState, string> = {
  pending: "Waiting",
  running: "Sending",
  succeeded: "Queued at CMR",
  failed: "Failed",
  cancelled: "Cancelled",
  unknown: "Unknown — check before resending",
};

/** "12 of 40 sent, 1 failed". */
export function exportProgress(job: { total: number; succeeded: number; failed: number; cancelled: number; unknown: number }): string {
  const done = job.succeeded + job.failed + job.cancelled + job.unknown;
  const extra = [job.failed && `${job.failed} failed`, job.unknown && `${job.unknown} unknown`, job.cancelled && `${job.cancelled} cancelled`].filter(Boolean);
  return `${done} of ${job.total} sent${extra.length ? `, ${extra.join(", ")}` : ""}`;
}
