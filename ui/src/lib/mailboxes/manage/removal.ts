// Removing mailboxes: CMR refuses within 24 h of the subscription's period end (documented:
// blocks), and removing a domain's last mailbox deletes its whole workspace. That a mailbox
// still being created cannot go is assumed: it only warns.
import { RULES, type Mailbox, type Subscription } from "../../../bindings";
import { assumed, blocks, documented, type RuleCheck } from "../../rules";
import { mailboxEmail, mailboxId, statusOf } from "../selection";
import { formatDateTime } from "../../dates";

const REMOVAL_CUTOFF_MS = RULES.removalCutoffHours * 60 * 60 * 1000;

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

/** What stands against removing this mailbox now (refusal or doubt), or null. */
export function removalCheck(m: Mailbox, ends: Map<string, string>, now: number): RuleCheck | null {
  const problem = removalProblem(m, ends, now);
  if (problem) return documented("docs", problem);
  const status = statusOf(m);
  if (status === "IN_PROGRESS" || status === "CREATING_PASSWORD") return assumed("it is still being created");
  return null;
}

/** Why this mailbox cannot be removed now (the documented 24-hour cutoff), or null. */
export function removalProblem(m: Mailbox, ends: Map<string, string>, now: number): string | null {
  const status = statusOf(m);
  const end = ends.get(m.domain ?? "") ?? m.expireOn ?? null;
  if (status === "ACTIVE" && end) {
    const t = Date.parse(end);
    if (!Number.isNaN(t) && now > t - REMOVAL_CUTOFF_MS) {
      const when = formatDateTime(new Date(t));
      const period = t <= now ? `its subscription period ended ${when} (awaiting renewal)` : `its subscription period ends ${when}`;
      // The next step: stop the renewal now, or remove once the new period has begun.
      return `${period} — CMR allows removal only until ${RULES.removalCutoffHours} hours before the period end. To stop paying for it, turn auto-renew off under Subscriptions; or remove it once the next period has started`;
    }
  }
  return null;
}

export interface RemovalPlan {
  /** What may be sent, warned ones included. */
  allowed: Mailbox[];
  refused: { mailbox: Mailbox; reason: string }[];
  /** Sent if the person goes on, though CMR may refuse them. */
  warned: { mailbox: Mailbox; reason: string }[];
  /** Domains whose every mailbox would go: their workspace is deleted too. */
  emptiedDomains: string[];
}

export function planRemoval(chosen: Mailbox[], all: Mailbox[], ends: Map<string, string>, now: number): RemovalPlan {
  const allowed: Mailbox[] = [];
  const refused: RemovalPlan["refused"] = [];
  const warned: RemovalPlan["warned"] = [];
  for (const m of chosen) {
    const check = removalCheck(m, ends, now);
    if (blocks(check)) {
      refused.push({ mailbox: m, reason: check!.message });
      continue;
    }
    if (check) warned.push({ mailbox: m, reason: check.message });
    allowed.push(m);
  }
  const going = new Set(allowed.map(mailboxId));
  const domains = new Set(allowed.map((m) => m.domain ?? ""));
  const emptiedDomains = [...domains]
    .filter((d) => d && all.filter((m) => m.domain === d).every((m) => going.has(mailboxId(m))))
    .sort();
  return { allowed, refused, warned, emptiedDomains };
}

export function warningText(plan: RemovalPlan): string {
  return plan.warned.map((w) => `${mailboxEmail(w.mailbox)}: ${w.reason}`).join("; ");
}

export function refusalText(plan: RemovalPlan): string {
  return plan.refused.map((r) => `${mailboxEmail(r.mailbox)}: ${r.reason}`).join("; ");
}
