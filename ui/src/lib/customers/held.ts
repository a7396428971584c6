// What keeps a customer from being deleted. CMR deletes a customer only when it holds no
// domains and no mailboxes (cmr-api.md §2.5, documented: checked before sending), and its
// refusal carries the counts in `data` ({domainCount, mailboxCount}); both paths say it alike.
import type { AppError } from "../../bindings";

export interface Held {
  domains: number;
  mailboxes: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 domains and 12 mailboxes still belong to this customer" */
export function heldMessage(held: Held): string {
  const parts = [];
  if (held.domains > 0) parts.push(plural(held.domains, "domain", "domains"));
  if (held.mailboxes > 0) parts.push(plural(held.mailboxes, "mailbox", "mailboxes"));
  const total = held.domains + held.mailboxes;
  return `${parts.join(" and ")} still ${total === 1 ? "belongs" : "belong"} to this customer`;
}

/** The counts CMR's refusal names, or null when it names none. */
export function heldFromError(error: AppError | null | undefined): Held | null {
  const d = error?.details;
  if (!d || typeof d !== "object" || Array.isArray(d)) return null;
  const count = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const domains = count(d.domainCount);
  const mailboxes = count(d.mailboxCount);
  if (domains === null && mailboxes === null) return null;
  return { domains: domains ?? 0, mailboxes: mailboxes ?? 0 };
}

/** The whole banner text: the counts, then what to do. */
export function cannotDelete(name: string, held: Held): string {
  return `${name} cannot be deleted: ${heldMessage(held)}. CMR deletes a customer only when it holds none: remove those first.`;
}
