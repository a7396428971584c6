// What the customer page adds up: counts by status, the monthly cost of subscriptions still
// running, and the domains that expire soon.
import type { Domain, Subscription } from "../../bindings";
import { periodCostCents } from "../subscriptions";

/** [status, count] pairs, most common first; a missing status counts as "UNKNOWN". */
export function countBy(statuses: (string | null | undefined)[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of statuses) {
    const key = (s ?? "UNKNOWN").toUpperCase() || "UNKNOWN";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Subscriptions that still bill each month: not cancelled or expired. */
const ENDED = new Set(["CANCELLED", "EXPIRED"]);

/** Seats × price of every running subscription, in cents; `null` when a running one has no
 *  price (the sum would understate the cost). */
export function monthlyCostCents(subs: Pick<Subscription, "subscriptionStatus" | "totalMailboxQuantity" | "pricePerMailbox">[]): number | null {
  let total = 0;
  for (const s of subs) {
    if (ENDED.has((s.subscriptionStatus ?? "").toUpperCase())) continue;
    const cost = periodCostCents(s);
    if (cost === null) return null;
    total += cost;
  }
  return total;
}

/** Domains whose expiry falls within `days` from `now` (expired ones included: they need action). */
export function renewingWithin(domains: Pick<Domain, "expireOn">[], days: number, now: Date = new Date()): Pick<Domain, "expireOn">[] {
  const limit = now.getTime() + days * 86_400_000;
  return domains.filter((d) => d.expireOn && new Date(d.expireOn).getTime() <= limit);
}
