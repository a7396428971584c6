// Availability results as the purchase screen shows them: one row per domain name with its
// price, whether it can be registered, and whether a Google/Microsoft workspace already
// claims it (the pre-flight that avoids "Workspace validation failed" after paying).
import type { DomainAvailability, Value } from "../../bindings";
import { toCents } from "../money";

export type WorkspaceCheck = "unchecked" | "none" | "exists" | "unknown";

export interface DomainOffer {
  domain: string;
  available: boolean;
  /** Registration per year, from CMR. */
  priceCents: number | null;
  workspace: WorkspaceCheck;
  /** The name the user typed exactly (shown first). */
  exact: boolean;
}

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** "Acme.COM." → "acme.com" */
export function normalizeDomain(text: string): string {
  return text.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "").replace(/\.$/, "");
}

export function isDomainName(text: string): boolean {
  return DOMAIN.test(normalizeDomain(text));
}

/** What is wrong with the search box, or null. A keyword or a full name are both fine. */
export function searchProblem(text: string): string | null {
  const q = normalizeDomain(text);
  if (q === "") return "Type a keyword (acme) or a domain name (acme.com).";
  if (q.includes(".") && !isDomainName(q)) return `${q} is not a valid domain name.`;
  if (!q.includes(".") && !/^[a-z0-9-]{1,50}$/.test(q)) return "Use letters, digits and hyphens only.";
  return null;
}

export function toOffer(a: DomainAvailability, exact = false): DomainOffer | null {
  const domain = normalizeDomain(a.domain ?? a.domainName ?? "");
  if (domain === "") return null;
  return { domain, available: a.available === true, priceCents: toCents(a.price ?? null), workspace: "unchecked", exact };
}

/** Exact matches first, then CMR's order; a name appears once (the newest answer wins). */
export function mergeOffers(current: DomainOffer[], incoming: DomainOffer[]): DomainOffer[] {
  const byName = new Map<string, DomainOffer>();
  for (const o of [...current, ...incoming]) {
    const prev = byName.get(o.domain);
    byName.set(o.domain, prev ? { ...o, exact: o.exact || prev.exact } : o);
  }
  const all = [...byName.values()];
  return [...all.filter((o) => o.exact), ...all.filter((o) => !o.exact)];
}

/**
 * The bulk workspace check answers a list of `{domainName, workspaceExists}` (or `success`
 * false when one exists). Anything unreadable stays "unknown", never "none".
 */
export function workspaceVerdicts(data: Value | null): Map<string, WorkspaceCheck> {
  const verdicts = new Map<string, WorkspaceCheck>();
  if (!Array.isArray(data)) return verdicts;
  for (const row of data) {
    if (!row || typeof row !== "object" || Array.isArray(row)) continue;
    const name = typeof row.domainName === "string" ? normalizeDomain(row.domainName) : "";
    if (!name) continue;
    const exists =
      typeof row.workspaceExists === "boolean" ? row.workspaceExists : typeof row.success === "boolean" ? !row.success : null;
    verdicts.set(name, exists === null ? "unknown" : exists ? "exists" : "none");
  }
  return verdicts;
}

export function applyVerdicts(offers: DomainOffer[], verdicts: Map<string, WorkspaceCheck>): DomainOffer[] {
  return offers.map((o) => (verdicts.has(o.domain) ? { ...o, workspace: verdicts.get(o.domain)! } : o));
}

/** Why an offer cannot go in the cart, in the reseller's words; null when it can. */
export function offerProblem(o: DomainOffer): string | null {
  if (!o.available) return "Already registered by someone else.";
  if (o.workspace === "exists") {
    return "A workspace already uses it: the order would fail (“Workspace validation failed”).";
  }
  if (o.priceCents === null) return "CMR gave no price for it.";
  return null;
}
