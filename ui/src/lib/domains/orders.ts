// Tracked order actions of the profile, and the words and rules of the Orders area.
import type { ActionView, AppError, Order } from "../../bindings";
import { toCents } from "../money";

/** Operations that create, start or top up an order. */
export const orderOperations = [
  "create_order_json",
  "create_order",
  "order_mailboxes_json",
  "add_mailboxes_to_subscription",
  "process_order",
  "order_prewarmup",
  "sandbox_order_prewarmup",
] as const;

export function isOrderAction(a: Pick<ActionView, "operation">): boolean {
  return (orderOperations as readonly string[]).includes(a.operation);
}

/** Order actions, newest first, optionally of one customer and matching a search. */
export function orderActions(all: ActionView[], customerId: string | null, search = ""): ActionView[] {
  const q = search.trim().toLowerCase();
  return all
    .filter((a) => isOrderAction(a) && (!customerId || a.customerId === customerId))
    .filter((a) => !q || [a.subject, a.actionId ?? "", a.operation, a.detail ?? ""].some((t) => t.toLowerCase().includes(q)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** An order id typed or pasted: trimmed, and null when empty. */
export function cleanOrderId(raw: string): string | null {
  const id = raw.trim();
  return id ? id : null;
}

/**
 * An order created with `confirm: false` waits for Process the Order: PENDING and nothing charged.
 * Anything else (paid, processing, failed) cannot be started again.
 */
export function awaitingProcessing(o: Pick<Order, "status" | "amountCharged"> & { [k: string]: unknown }): boolean {
  if ((o.status ?? "").toUpperCase() !== "PENDING") return false;
  const charged = toCents((o.amountCharged ?? null) as number | string | null);
  return charged === null || charged === 0;
}

/** What the order costs, in cents: `amount`, else what was charged. */
export function orderAmountCents(o: Pick<Order, "amountCharged"> & { [k: string]: unknown }): number | null {
  const amount = o["amount"];
  const fromAmount = typeof amount === "number" || typeof amount === "string" ? toCents(amount) : null;
  return fromAmount ?? toCents((o.amountCharged ?? null) as number | string | null);
}

export const orderTone: Record<string, string> = {
  PAID: "ok",
  COMPLETED: "ok",
  PENDING: "warn",
  PROCESSING: "accent",
  FAILED: "error",
  PARTIAL: "warn",
  REFUND: "",
  PARTIAL_REFUND: "",
};

/** The order id an action names, when it does: `process_order` is sent per order id; the others name their domains. */
export function orderIdOf(a: Pick<ActionView, "operation" | "subject">): string | null {
  return a.operation === "process_order" && a.subject ? a.subject : null;
}

/**
 * CMR's "no such order" answer. The code is `not_found` where the status says 404; the Demo
 * answers some misses with another code, so the status and the message count too.
 */
export function isOrderNotFound(e: Pick<AppError, "code" | "status" | "message"> | null): boolean {
  if (!e) return false;
  return e.code === "not_found" || e.status === 404 || /\bnot found\b/i.test(e.message);
}
