// Choosing mailboxes to export: filter by text, domain and status. CMR exports only ACTIVE
// mailboxes, so only those are `exportable` (the selection's eligibility rule).
import type { Mailbox } from "../../bindings";
import { mailboxEmail, queryWords, statusOf } from "../mailboxes/selection";

/** Only ACTIVE mailboxes can be exported. */
export function exportable(m: Mailbox): boolean {
  return statusOf(m) === "ACTIVE";
}

export interface MailboxFilter {
  query: string;
  domain: string;
  /** "" for all, "exportable" for ACTIVE only. */
  status: string;
}

export function filterMailboxes(list: Mailbox[], f: MailboxFilter): Mailbox[] {
  const words = queryWords(f.query);
  return list.filter((m) => {
    if (f.domain && m.domain !== f.domain) return false;
    if (f.status === "exportable" && !exportable(m)) return false;
    if (f.status && f.status !== "exportable" && statusOf(m) !== f.status) return false;
    if (!words.length) return true;
    const text = `${mailboxEmail(m)} ${m.firstName ?? ""} ${m.lastName ?? ""} ${m.serviceProvider ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** "12 of 40 sent, 1 failed". */
export function exportProgress(job: { total: number; succeeded: number; failed: number; cancelled: number; unknown: number }): string {
  const done = job.succeeded + job.failed + job.cancelled + job.unknown;
  const extra = [job.failed && `${job.failed} failed`, job.unknown && `${job.unknown} unknown`, job.cancelled && `${job.cancelled} cancelled`].filter(Boolean);
  return `${done} of ${job.total} sent${extra.length ? `, ${extra.join(", ")}` : ""}`;
}
