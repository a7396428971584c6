// A mailbox subscription on screen: what it allows and what it costs. Which actions each
// state allows is the app's rule (cmr_core::rules::subscription_actions, reasons there) and
// arrives in the bindings; CMR has the last word and its refusals are shown as they come.
import { RULES, type Subscription, type SubscriptionAction } from "../bindings";
import { toCents } from "./money";

const allowed: Readonly<Record<string, readonly SubscriptionAction[]>> = RULES.subscriptionActions;

/** The actions the subscription's status allows; an unknown status allows none. */
export function actionsFor(s: Pick<Subscription, "subscriptionStatus">): readonly SubscriptionAction[] {
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
