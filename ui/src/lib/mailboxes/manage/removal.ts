// Removing mailboxes: CMR refuses within 24 h of the subscription's period end, and removing a
// domain's last mailbox deletes its whole workspace. Both are checked here before sending.
import type { Mailbox, Subscription } from "../../../bindings";
import { mailboxEmail, mailboxId, statusOf } from "./list";

export const REMOVAL_CUTOFF_MS = 24 * 60 * 60 * 1000;

/** Period end per domain from the customer's subscriptions (the latest, if several). */
export function periodEnds(subscriptions: Subscription[]): Map<string, string> {
  const ends = new Map<string, string>();
  for (const s of subscriptions) {
    if (!s.domain || !s.periodEnd) continue;
    const prev = ends.get(s.domain);
    if (!prev || Date.parse(s.periodEnd) > Date.parse(prev)) ends.set(s.domain, s.periodEnd);
  }
  return ends;
}

/** Why this mailbox cannot be removed now, or null when it can. */
export function removalProblem(m: Mailbox, ends: Map<string, string>, now: number): string | null {
  const status = statusOf(m);
  if (status === "IN_PROGRESS" || status === "CREATING_PASSWORD") return "it is still being created";
  const end = ends.get(m.domain ?? "") ?? m.expireOn ?? null;
  if (status === "ACTIVE" && end) {
    const t = Date.parse(end);
    if (!Number.isNaN(t) && now > t - REMOVAL_CUTOFF_MS) {
      const when = new Date(t).toLocaleString();
      const period = t <= now ? `its subscription period ended ${when} (awaiting renewal)` : `its subscription period ends ${when}`;
      return `${period} — CMR allows removal only until 24 hours before the period end`;
    }
  }
  return null;
}

export interface RemovalPlan {
  allowed: Mailbox[];
  refused: { mailbox: Mailbox; reason: string }[];
  /** Domains whose every mailbox would go: their workspace is deleted too. */
  emptiedDomains: string[];
}

export function planRemoval(chosen: Mailbox[], all: Mailbox[], ends: Map<string, string>, now: number): RemovalPlan {
  const allowed: Mailbox[] = [];
  const refused: RemovalPlan["refused"] = [];
  for (const m of chosen) {
    const reason = removalProblem(m, ends, now);
    if (reason) refused.push({ mailbox: m, reason });
    else allowed.push(m);
  }
  const going = new Set(allowed.map(mailboxId));
  const domains = new Set(allowed.map((m) => m.domain ?? ""));
  const emptiedDomains = [...domains]
    .filter((d) => d && all.filter((m) => m.domain === d).every((m) => going.has(mailboxId(m))))
    .sort();
  return { allowed, refused, emptiedDomains };
}

export function refusalText(plan: RemovalPlan): string {
  return plan.refused.map((r) => `${mailboxEmail(r.mailbox)}: ${r.reason}`).join("; ");
}
