// What a reseller may do with a mailbox subscription in each state, and what it costs.
// The state rules follow cmr-api.md §8 and §1.9; CMR has the last word and its refusals are
// shown as they come.
import type { Subscription } from "../bindings";
import { toCents } from "./money";

export type SubscriptionAction = "renew" | "cancel" | "recreate" | "autoRenew";

const allowed: Record<string, SubscriptionAction[]> = {
  ACTIVE: ["renew", "cancel", "autoRenew"],
  RENEWING: ["cancel", "autoRenew"],
  PAST_DUE: ["renew", "cancel", "autoRenew"],
  CANCELLED: ["recreate"],
  EXPIRED: ["recreate"],
};

export function actionsFor(s: Pick<Subscription, "subscriptionStatus">): SubscriptionAction[] {
  return allowed[(s.subscriptionStatus ?? "").toUpperCase()] ?? [];
}

/** One period of the subscription: mailboxes × price per mailbox, in cents. */
export function periodCostCents(s: Pick<Subscription, "totalMailboxQuantity" | "pricePerMailbox">): number | null {
  const price = toCents(s.pricePerMailbox as number | string | null | undefined);
  if (price === null) return null;
  return price * (s.totalMailboxQuantity ?? 0);
}

export function daysLeft(periodEnd: string | null | undefined, now: Date = new Date()): number | null {
  if (!periodEnd) return null;
  return Math.ceil((new Date(periodEnd).getTime() - now.getTime()) / 86_400_000);
}

export const statusTone: Record<string, string> = {
  ACTIVE: "ok",
  RENEWING: "",
  PAST_DUE: "warn",
  CANCELLED: "error",
  EXPIRED: "error",
};
