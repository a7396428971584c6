// Prices the app needs before CMR has quoted an order. Domain prices always come from the
// availability results; mailbox prices come from the domain's subscription when it has one.
// The two defaults below are the only guesses: the help guide's $3 list price per mailbox and
// month, and a warmup price the documentation does not state. Keep any correction here.
import type { Subscription } from "../../bindings";
import { toCents } from "../money";

/** Documented list price of a mailbox seat per month ($3), used when no subscription says. */
export const DEFAULT_MAILBOX_MONTHLY_CENTS = 300;
/** Not documented: warmup added at order time, per mailbox and month. A guess, shown as an estimate. */
export const DEFAULT_WARMUP_MONTHLY_CENTS = 100;

/** Price of one more mailbox on a domain: its subscription's price, or the list price. */
export function mailboxUnitCents(subscription: Subscription | null | undefined): number {
  return toCents(subscription?.pricePerMailbox ?? null) ?? DEFAULT_MAILBOX_MONTHLY_CENTS;
}
