// The Overview's arithmetic: what the renewals due soon will take from the wallet, and the
// renewal calendar grouped by week. The items come from the local cache (`get_overview`);
// domain prices from CMR (`get_domain_renewal_price`), keyed by domain name.
import type { DueItem } from "../bindings";

const DAY = 86_400_000;

/** Cents per domain name, as CMR priced its renewal; a missing name is not priced yet. */
export type DomainPrices = Record<string, number | null>;

/** The price of one due item: a subscription's seats, a domain's renewal as CMR quoted it. */
export function itemCents(item: DueItem, prices: DomainPrices): number | null {
  if (item.kind === "subscription") return item.cents ?? null;
  const p = prices[item.domain.toLowerCase()];
  return p === undefined ? null : p;
}

export interface DueTotals {
  /** What renews on its own (auto-renew on) and is priced. */
  autoCents: number;
  /** Auto-renewing items whose price is not known yet (a floor, then). */
  unpriced: number;
  /** Items that will not renew on their own: they need a decision. */
  manual: number;
}

export function dueTotals(items: DueItem[], prices: DomainPrices): DueTotals {
  const t: DueTotals = { autoCents: 0, unpriced: 0, manual: 0 };
  for (const item of items) {
    if (item.autoRenew !== true) {
      t.manual += 1;
      continue;
    }
    const c = itemCents(item, prices);
    if (c === null) t.unpriced += 1;
    else t.autoCents += c;
  }
  return t;
}

/** How much the balance is short of `cents` (0 when it covers them; null without a balance). */
export function shortfall(balanceCents: number | null, cents: number): number | null {
  if (balanceCents === null) return null;
  return Math.max(0, cents - balanceCents);
}

export interface CalendarWeek {
  /** "Overdue", "This week", "Next week", "In 3 weeks"… */
  label: string;
  items: DueItem[];
}

/** Due items in weeks from today (items already past their date first, as "Overdue"). */
export function calendarWeeks(items: DueItem[], now: Date = new Date()): CalendarWeek[] {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const weeks = new Map<number, DueItem[]>();
  for (const item of items) {
    const t = new Date(item.due).getTime();
    if (Number.isNaN(t)) continue;
    const w = t < start ? -1 : Math.floor((t - start) / (7 * DAY));
    weeks.set(w, [...(weeks.get(w) ?? []), item]);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([w, list]) => ({ label: weekLabel(w), items: list }));
}

function weekLabel(w: number): string {
  if (w < 0) return "Overdue or in grace";
  if (w === 0) return "Within 7 days";
  if (w === 1) return "In 1–2 weeks";
  return `In ${w}–${w + 1} weeks`;
}

/** A stable key of a due item (a domain and its subscription share the domain name). */
export function dueKey(item: Pick<DueItem, "kind" | "id">): string {
  return `${item.kind}:${item.id}`;
}

/** The selected domains, by customer: one renewal request per customer. */
export function domainsByCustomer(items: DueItem[]): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const item of items) {
    if (item.kind !== "domain" || !item.customerId) continue;
    by.set(item.customerId, [...(by.get(item.customerId) ?? []), item.domain]);
  }
  return by;
}
