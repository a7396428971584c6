// The domain cart: what the reseller means to buy, its cost lines and total, and the
// create-order request that CMR receives (always unconfirmed: nothing is charged until the
// reseller has reviewed the total and said yes).
import type { AppError, CreateOrderRequest, MailboxOrderItem } from "../../bindings";
import { costLine, totalOf, type CostLine } from "../money";
import { uniqueUsernames, type NamingPattern, type Person } from "../mailboxes/naming";
import { personNameProblem } from "../mailboxes/rules";
import { DEFAULT_MAILBOX_MONTHLY_CENTS, DEFAULT_WARMUP_MONTHLY_CENTS } from "./prices";

export type Provider = "GOOGLE" | "MICROSOFT";

export interface CartItem {
  domain: string;
  years: number;
  /** Registration per year, as CMR quoted it. */
  priceCents: number;
}

export interface MailboxPlan {
  /** The senders every domain gets one mailbox for. */
  people: Person[];
  pattern: NamingPattern;
  warmup: boolean;
}

export function addToCart(cart: CartItem[], item: CartItem): CartItem[] {
  return cart.some((c) => c.domain === item.domain) ? cart : [...cart, item];
}

export function removeFromCart(cart: CartItem[], domain: string): CartItem[] {
  return cart.filter((c) => c.domain !== domain);
}

export function setYears(cart: CartItem[], domain: string, years: number): CartItem[] {
  const y = Math.max(1, Math.min(10, Math.round(years) || 1));
  return cart.map((c) => (c.domain === domain ? { ...c, years: y } : c));
}

/** One line per domain, then the mailboxes and warmup of all domains together. */
export function cartLines(
  cart: CartItem[],
  plan: MailboxPlan,
  mailboxCents = DEFAULT_MAILBOX_MONTHLY_CENTS,
  warmupCents = DEFAULT_WARMUP_MONTHLY_CENTS,
): CostLine[] {
  const lines = cart.map((c) =>
    costLine(`${c.domain} — ${c.years} year${c.years === 1 ? "" : "s"}`, c.years, c.priceCents, { every: "year", years: c.years }),
  );
  const boxes = cart.length * plan.people.length;
  if (boxes > 0) lines.push(costLine("Mailboxes, first month", boxes, mailboxCents, { every: "month" }));
  if (boxes > 0 && plan.warmup) lines.push(costLine("Warmup, first month (estimate)", boxes, warmupCents, { every: "month" }));
  return lines;
}

export function cartTotal(cart: CartItem[], plan: MailboxPlan): number {
  return totalOf(cartLines(cart, plan));
}

/** What keeps the cart from being ordered, or null. */
export function cartProblem(cart: CartItem[], plan: MailboxPlan): string | null {
  if (cart.length === 0) return "Add at least one available domain to the cart.";
  if (plan.people.length === 0) {
    return "List at least one sender: CMR sets up each new domain together with its mailboxes.";
  }
  for (const p of plan.people) {
    if (p.firstName.trim() === "" || p.lastName.trim() === "") return `${p.firstName} ${p.lastName}: enter both names.`;
  }
  return null;
}

/** What CMR may refuse though nothing documents it (the mailbox name rules are assumed), or null. */
export function cartWarning(plan: MailboxPlan): string | null {
  for (const p of plan.people) {
    const problem = personNameProblem(p.firstName, "first name") ?? personNameProblem(p.lastName, "last name");
    if (problem) return `${p.firstName} ${p.lastName}: ${problem}`;
  }
  return null;
}

/** The mailboxes of one new domain: one per sender, usernames from the pattern. */
export function mailboxesFor(plan: MailboxPlan): MailboxOrderItem[] {
  const names = uniqueUsernames(plan.people, plan.pattern);
  return plan.people.map((p, i) => ({
    username: names[i]!,
    firstName: p.firstName.trim(),
    lastName: p.lastName.trim(),
    onWarmup: plan.warmup,
  }));
}

/** The unconfirmed order: CMR holds it until Process the Order. */
export function buildCreateOrder(cart: CartItem[], plan: MailboxPlan, provider: Provider): CreateOrderRequest {
  const boxes = mailboxesFor(plan);
  return {
    domains: cart.map((c) => ({ domain: c.domain, years: c.years })),
    mailboxes: Object.fromEntries(cart.map((c) => [c.domain, boxes.map((b) => ({ ...b }))])),
    billingCycle: "MONTHLY",
    confirm: false,
    serviceProvider: provider,
  };
}

/**
 * CMR refuses an order the wallet cannot pay. The status it uses for that is not documented
 * (402 or 422 with a message), so both are recognised here.
 */
export function isInsufficientFunds(error: AppError | null): boolean {
  if (!error) return false;
  return error.code === "insufficient_funds" || /insufficient (wallet )?(balance|funds)/i.test(error.message);
}
