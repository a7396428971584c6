// Reading CMR's order status while an order runs. When an order is finished is the app's rule
// (cmr_core::rules::order_phase, reasons there): the statuses it lists as done or failed end
// the poll; any other word, known or not, keeps it going, as the core's own poll does.
import { RULES, type OrderPhase, type OrderStatusInfo, type Value } from "../../bindings";

const phases: Readonly<Record<string, OrderPhase>> = RULES.orderPhases;

export function orderPhase(status: string | null | undefined): OrderPhase {
  return phases[(status ?? "").toUpperCase()] ?? "running";
}

export function orderRunning(status: string | null | undefined): boolean {
  return orderPhase(status) === "running";
}

export interface DomainProgress {
  domain: string;
  status: string;
  reason: string | null;
}

export interface OrderProgress {
  status: string;
  domains: DomainProgress[];
  mailboxCount: number | null;
  activeMailboxCount: number | null;
  unavailable: string[];
}

function str(v: Value | undefined): string | null {
  return typeof v === "string" ? v : null;
}

function num(v: Value | undefined): number | null {
  return typeof v === "number" ? v : null;
}

export function readProgress(info: OrderStatusInfo): OrderProgress {
  const domains: DomainProgress[] = [];
  const raw = info.domains;
  if (Array.isArray(raw)) {
    for (const d of raw) {
      if (!d || typeof d !== "object" || Array.isArray(d)) continue;
      const domain = str(d.domain) ?? str(d.domainName);
      if (domain) domains.push({ domain, status: str(d.status) ?? "PENDING", reason: str(d.reason) });
    }
  }
  const unavailable = Array.isArray(info.unavailableDomains)
    ? info.unavailableDomains.filter((x): x is string => typeof x === "string")
    : [];
  return {
    status: info.status ?? "PENDING",
    domains,
    mailboxCount: num(info.mailboxCount),
    activeMailboxCount: num(info.activeMailboxCount),
    unavailable,
  };
}

const ORDER_WORDS: Record<string, string> = {
  PENDING: "Waiting to start",
  PROCESSING: "Registering and setting up",
  PAID: "Done",
  COMPLETED: "Done",
  PARTIAL_REFUND: "Partly done — the failed part was refunded",
  REFUND: "Failed — refunded to the wallet",
  FAILED: "Failed",
};

export function orderStatusWords(status: string): string {
  return ORDER_WORDS[status.toUpperCase()] ?? status;
}

const DOMAIN_WORDS: Record<string, string> = {
  PENDING: "Registering",
  REGISTERED: "Registered — setting up mailboxes",
  ACTIVE: "Active",
  FAILED: "Failed",
};

export function domainStatusWords(status: string): string {
  return DOMAIN_WORDS[status.toUpperCase()] ?? status;
}
