// What the wallet will be asked for soon: subscriptions that renew on their own within the
// window, across every customer, priced at their seats (warmup on top is not in CMR's list,
// so the sum is a floor).
import type { Subscription } from "../../bindings";
import { toCents } from "../money";

export interface DueRenewal {
  subscriptionId: string;
  customerId: string;
  domain: string;
  periodEnd: string;
  cents: number;
}

const RENEWS = new Set(["ACTIVE", "RENEWING"]);

export function renewalsDue(subs: Subscription[], days: number, now: Date = new Date()): DueRenewal[] {
  const until = now.getTime() + days * 86_400_000;
  return subs
    .filter((s) => s.autoRenew && RENEWS.has((s.subscriptionStatus ?? "").toUpperCase()) && s.periodEnd)
    .filter((s) => {
      const end = new Date(s.periodEnd as string).getTime();
      return end >= now.getTime() && end <= until;
    })
    .map((s) => ({
      subscriptionId: s.subscriptionId ?? "",
      customerId: s.userId ?? "",
      domain: s.domain ?? "",
      periodEnd: s.periodEnd as string,
      cents: (toCents(s.pricePerMailbox as number | string | null | undefined) ?? 0) * (s.totalMailboxQuantity ?? 0),
    }))
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
}

/** Dollars as typed ("25", "25.50", "$1,000") to cents; null when it is not an amount. */
export function parseDollars(text: string): number | null {
  const clean = text.replace(/[$,\s]/g, "");
  if (clean === "") return null;
  return toCents(clean);
}
