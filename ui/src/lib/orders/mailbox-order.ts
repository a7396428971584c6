// Mailboxes for a customer's existing domains: which target each domain's order goes to (its
// active subscription, or the domain itself when the old subscription is gone), the cost
// preview, and one request per domain so a refused domain never blocks the others.
import { RULES, type AppError, type Domain, type Mailbox, type OrderMailboxesRequest, type Subscription } from "../../bindings";
import type { DomainInfo, MailboxDraft } from "../mailboxes/csv";
import { costLine, type CostLine } from "../money";
import { DEFAULT_WARMUP_MONTHLY_CENTS, mailboxUnitCents } from "./prices";

export interface DomainTarget {
  domain: string;
  domainId: string;
  /** Set when the domain has an active subscription: new mailboxes join it. */
  subscriptionId: string | null;
  provider: string;
  unitCents: number;
}

// Which subscriptions new mailboxes join and which make a domain wait: the app's rule
// (cmr_core::rules::mailbox_order_rule, reasons there).
const joins = (status: string | null | undefined) => (RULES.mailboxOrder.joins as readonly string[]).includes(status ?? "");
const waits = (status: string | null | undefined) => (RULES.mailboxOrder.waitsFor as readonly string[]).includes(status ?? "");

/** Only ACTIVE domains take mailboxes; each gets its subscription (if ACTIVE) and its price. */
export function domainTargets(domains: Domain[], subscriptions: Subscription[]): Map<string, DomainTarget> {
  const targets = new Map<string, DomainTarget>();
  for (const d of domains) {
    const name = (d.domainName ?? "").toLowerCase();
    if (!name || !d.domainId || d.status !== "ACTIVE") continue;
    const own = subscriptions.filter((s) => (s.domain ?? "").toLowerCase() === name);
    if (own.some((s) => waits(s.subscriptionStatus))) continue;
    const sub = own.find((s) => joins(s.subscriptionStatus));
    targets.set(name, {
      domain: name,
      domainId: d.domainId,
      subscriptionId: sub?.subscriptionId ?? null,
      provider: sub?.serviceProvider ?? d.serviceProvider ?? "GOOGLE",
      unitCents: mailboxUnitCents(sub),
    });
  }
  return targets;
}

/** What the CSV and form checks need to know about each domain. */
export function domainInfos(targets: Map<string, DomainTarget>, mailboxes: Mailbox[]): Map<string, DomainInfo> {
  const infos = new Map<string, DomainInfo>();
  for (const t of targets.values()) infos.set(t.domain, { provider: t.provider, existing: [] });
  for (const m of mailboxes) {
    const domain = (m.domain ?? m.email?.split("@")[1] ?? "").toLowerCase();
    const username = (m.username ?? m.email?.split("@")[0] ?? "").toLowerCase();
    if (username) infos.get(domain)?.existing.push(username);
  }
  return infos;
}

export function groupByDomain(drafts: MailboxDraft[]): Map<string, MailboxDraft[]> {
  const groups = new Map<string, MailboxDraft[]>();
  for (const d of drafts) {
    const list = groups.get(d.domain) ?? [];
    list.push(d);
    groups.set(d.domain, list);
  }
  return groups;
}

/** One line per domain (its seat price), and warmup for all when it is on. */
export function mailboxCostLines(
  drafts: MailboxDraft[],
  targets: Map<string, DomainTarget>,
  warmup: boolean,
  warmupCents = DEFAULT_WARMUP_MONTHLY_CENTS,
): CostLine[] {
  const lines: CostLine[] = [];
  for (const [domain, list] of groupByDomain(drafts)) {
    const unit = targets.get(domain)?.unitCents ?? 0;
    lines.push(costLine(`${domain} — mailboxes, first month`, list.length, unit, { every: "month" }));
  }
  if (warmup && drafts.length > 0) lines.push(costLine("Warmup, first month (estimate)", drafts.length, warmupCents, { every: "month" }));
  return lines;
}

export interface DomainOrder {
  domain: string;
  request: OrderMailboxesRequest;
}

/** One confirmed request per domain: `subscriptionId` when live, else `domainId` (never both). */
export function buildMailboxOrders(
  drafts: MailboxDraft[],
  targets: Map<string, DomainTarget>,
  warmup: boolean,
): DomainOrder[] {
  const orders: DomainOrder[] = [];
  for (const [domain, list] of groupByDomain(drafts)) {
    const t = targets.get(domain);
    if (!t) continue;
    const mailboxes = {
      [domain]: list.map((d) => ({ username: d.username, firstName: d.firstName, lastName: d.lastName, onWarmup: warmup })),
    };
    const request: OrderMailboxesRequest = t.subscriptionId
      ? { subscriptionId: t.subscriptionId, mailboxes, billingCycle: "MONTHLY", confirm: true }
      : { domainId: t.domainId, mailboxes, billingCycle: "MONTHLY", confirm: true, autoRenew: true };
    orders.push({ domain, request });
  }
  return orders;
}

/** The steps a new mailbox goes through: not yet listed, then the app's mailbox statuses in
 *  lifecycle order (RULES.mailboxStatuses) up to ACTIVE. */
export const MAILBOX_STEPS: readonly string[] = ["QUEUED", ...RULES.mailboxStatuses.slice(0, RULES.mailboxStatuses.indexOf("ACTIVE") + 1)];

/** How far a mailbox has come, 0..3, for a progress bar; unknown statuses count as queued. */
export function mailboxStep(status: string | null | undefined): number {
  const i = MAILBOX_STEPS.indexOf(status ?? "QUEUED");
  return i < 0 ? 0 : i;
}

const STATUS_WORDS: Record<string, string> = {
  QUEUED: "Queued at CMR",
  IN_PROGRESS: "Creating the mailbox",
  CREATING_PASSWORD: "Setting the password",
  ACTIVE: "Ready",
  EXPIRED: "Expired",
  FAILED: "Failed",
};

export function mailboxStatusWords(status: string | null | undefined): string {
  return STATUS_WORDS[status ?? "QUEUED"] ?? (status ?? "Queued");
}

/** What happened to one domain's order: the addresses it carried, and CMR's refusal if any. */
export interface DomainResult {
  domain: string;
  emails: string[];
  orderId: string | null;
  error: AppError | null;
}
