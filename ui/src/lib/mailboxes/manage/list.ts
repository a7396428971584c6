// The Manage list's filter: a customer's mailboxes filtered in memory in one pass, so 50,000
// rows stay instant. Selection lives in ../selection.
import type { Mailbox } from "../../../bindings";
import { mailboxEmail, queryWords, statusOf, warmupOf } from "../selection";

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
  const words = queryWords(f.query);
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
