// Which of a customer's domains can be renewed now, and why not — checked before anything is
// sent (cmr-api.md §1.9, §4.0): the window opens 45 days before expiry; a GRACE_PERIOD domain
// stays renewable until the end of the UTC day 7 days after its expiry; EXPIRED is terminal for
// the API. Those are documented (help guide) and block; the status rules nothing documents
// (RENEWING, PENDING, other states) only warn. CMR has the last word either way. The window,
// the grace and the status words are the app's rules (cmr_core::rules), read from the bindings.
import { statusLabel } from "../labels";
import { RULES, type Domain, type DomainRenewalPrice } from "../../bindings";
import { toCents } from "../money";
import { assumed, blocks, documented, type RuleCheck } from "../rules";

const DAY = 86_400_000;
const RENEWAL_WINDOW_DAYS = RULES.renewalWindowDays;
const GRACE_DAYS = RULES.graceDays;

export const domainStatuses = RULES.domainStatuses;

export const statusTone: Record<string, string> = {
  ACTIVE: "ok",
  PENDING: "accent",
  RENEWING: "accent",
  GRACE_PERIOD: "warn",
  EXPIRED: "error",
  TRANSFERRED: "",
  INACTIVE: "",
};

export function nameOf(d: Pick<Domain, "domainName">): string {
  return d.domainName ?? "";
}

/** Whole days until expiry (negative once expired); null without a date. */
export function daysLeft(expireOn: string | null | undefined, now: Date = new Date()): number | null {
  if (!expireOn) return null;
  const t = new Date(expireOn).getTime();
  if (Number.isNaN(t)) return null;
  return Math.ceil((t - now.getTime()) / DAY);
}

/** The last moment a GRACE_PERIOD domain can be renewed: end of the UTC day, the grace days on. */
export function graceDeadline(expireOn: string): Date {
  const d = new Date(new Date(expireOn).getTime() + GRACE_DAYS * DAY);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59, 59, 999));
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** What stands against renewing the domain now (a documented refusal or an assumed doubt), or null. */
export function renewalCheck(d: Pick<Domain, "domainName" | "status" | "expireOn">, now: Date = new Date()): RuleCheck | null {
  const status = (d.status ?? "").toUpperCase();
  const expiry = d.expireOn ? new Date(d.expireOn) : null;
  switch (status) {
    case "ACTIVE": {
      if (!expiry || Number.isNaN(expiry.getTime())) return assumed("its expiry date is unknown; refresh the list.");
      const opens = new Date(expiry.getTime() - RENEWAL_WINDOW_DAYS * DAY);
      if (now < opens) return documented("help guide", `Not in the renewal window yet: it opens on ${day(opens)} (${RENEWAL_WINDOW_DAYS} days before expiry).`);
      return null;
    }
    case "GRACE_PERIOD": {
      if (!expiry || Number.isNaN(expiry.getTime())) return null;
      const deadline = graceDeadline(d.expireOn!);
      return now > deadline ? documented("help guide", `The grace period ended on ${day(deadline)}; CMR support must recover it.`) : null;
    }
    case "EXPIRED":
      return documented("help guide", "Expired: it cannot be renewed through the API. Ask CMR support (registrar escalation).");
    case "RENEWING":
      return assumed("a renewal is already under way.");
    case "PENDING":
      return assumed("it is still being registered.");
    default:
      return assumed(`it is ${statusLabel(status).toLowerCase()}.`);
  }
}

/** Why the domain cannot be renewed now (documented rules only), or null when it may be sent. */
export function renewalBlock(d: Pick<Domain, "domainName" | "status" | "expireOn">, now: Date = new Date()): string | null {
  const check = renewalCheck(d, now);
  return blocks(check) ? check!.message : null;
}

export interface RenewalCheck {
  /** Everything that may be sent, warned ones included. */
  renewable: Domain[];
  refused: { domain: string; reason: string }[];
  /** Sent if the person goes on; CMR may refuse them for a reason nothing documents. */
  warned: { domain: string; reason: string }[];
}

/** Splits a selection into what may be sent (some with a warning) and what is refused. */
export function checkRenewal(selected: Domain[], now: Date = new Date()): RenewalCheck {
  const out: RenewalCheck = { renewable: [], refused: [], warned: [] };
  for (const d of selected) {
    const check = renewalCheck(d, now);
    if (blocks(check)) {
      out.refused.push({ domain: nameOf(d), reason: check!.message });
      continue;
    }
    if (check) out.warned.push({ domain: nameOf(d), reason: check.message });
    out.renewable.push(d);
  }
  return out;
}

export interface PricedRenewal {
  domain: string;
  years: number;
  cents: number | null;
}

export function pricedRenewals(prices: DomainRenewalPrice[]): PricedRenewal[] {
  return prices.map((p) => ({ domain: p.domainName, years: p.years ?? 1, cents: toCents(p.renewalPrice ?? null) }));
}

/** The total in cents, or null when any price is missing (then nothing is sent). */
export function renewalTotal(rows: PricedRenewal[]): number | null {
  let sum = 0;
  for (const r of rows) {
    if (r.cents === null) return null;
    sum += r.cents;
  }
  return sum;
}
