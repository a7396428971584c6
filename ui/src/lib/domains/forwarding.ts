// Checks for forwarding and removal, done before sending so the reseller sees the reason at
// once (cmr-api.md §4.8, §4.9, §4.11).
import type { Domain, Mailbox } from "../../bindings";
import { assumed, documented, type RuleCheck } from "../rules";

const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function validDomainName(name: string): boolean {
  const parts = name.toLowerCase().split(".");
  return parts.length >= 2 && parts.every((p) => label.test(p)) && /^[a-z]{2,}$/.test(parts.at(-1)!);
}

/** A forwarding target: `https://site.com/path`, `http://…` or a bare domain. Returns the reason it is not valid, or null. */
export function forwardUrlProblem(raw: string): string | null {
  const value = raw.trim();
  if (!value) return "Enter the address the domain should forward to.";
  if (/\s/.test(value)) return "A web address has no spaces.";
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return "This is not a web address, e.g. https://example.com.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Only http:// and https:// addresses can be forwarded to.";
  if (url.username || url.password) return "A forwarding address cannot carry a user name or password.";
  if (!validDomainName(url.hostname)) return `${url.hostname || "The host"} is not a valid domain name.`;
  return null;
}

export function emailProblem(raw: string): string | null {
  const value = raw.trim();
  if (!value) return "Enter the address mail should be forwarded to.";
  const m = /^[^\s@]+@([^\s@]+)$/.exec(value);
  if (!m || !validDomainName(m[1]!)) return "This is not an email address, e.g. support@company.com.";
  return null;
}

/** Mailboxes that live on the domain (matched by name, or by id when the list carries it). */
export function mailboxesOn(d: Pick<Domain, "domainName" | "domainId">, mailboxes: Mailbox[]): Mailbox[] {
  const name = (d.domainName ?? "").toLowerCase();
  return mailboxes.filter(
    (m) =>
      (m.domain ?? "").toLowerCase() === name ||
      (!!d.domainId && m.domainId === d.domainId) ||
      (!m.domain && !!m.email && m.email.toLowerCase().endsWith(`@${name}`)),
  );
}

/**
 * What stands against removing the domain, or null. Mailboxes still on it: documented (help
 * guide), blocks. Still being registered: assumed, warns.
 */
export function removalBlock(d: Domain, mailboxes: Mailbox[]): RuleCheck | null {
  const n = mailboxesOn(d, mailboxes).length;
  if (n > 0) return documented("help guide", `It still has ${n} mailbox${n === 1 ? "" : "es"}: remove them (or cancel the subscription) first.`);
  if ((d.status ?? "").toUpperCase() === "PENDING") return assumed("it is still being registered.");
  return null;
}

/** What stands against URL forwarding, or null: an active domain is assumed, so it only warns. */
export function forwardingBlock(d: Domain): RuleCheck | null {
  return (d.status ?? "").toUpperCase() === "ACTIVE" ? null : assumed(`it is ${(d.status ?? "unknown").toLowerCase().replace(/_/g, " ")}; forwarding may need an active domain.`);
}

/**
 * What stands against email forwarding, or null. Every mailbox ACTIVE first is documented (help
 * guide) and blocks; an active domain with at least one mailbox is assumed and warns.
 */
export function emailForwardingBlock(d: Domain, mailboxes: Mailbox[]): RuleCheck | null {
  const boxes = mailboxesOn(d, mailboxes);
  const waiting = boxes.filter((m) => (m.status ?? "").toUpperCase() !== "ACTIVE").length;
  if (waiting) return documented("help guide", `${waiting} of its mailboxes are not active yet.`);
  const own = forwardingBlock(d);
  if (own) return own;
  if (boxes.length === 0) return assumed("it has no mailboxes to forward mail from.");
  return null;
}
