// Reading CMR's order status while an order runs. Whether the order is finished comes with the
// status (`OrderStatusView.finished`, from cmr_core::rules::order_phase, reasons there): the UI
// shows it and keeps no list of finished words.
import type { OrderStatusView, Value } from "../../bindings";

export interface DomainProgress {
  domain: string;
  status: string;
  reason: string | null;
}

export interface OrderProgress {
  status: string;
  /** Done or failed, as the app's rule reads the status; polling stops then. */
  finished: boolean;
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

export function readProgress(info: OrderStatusView): OrderProgress {
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
    finished: info.finished,
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
