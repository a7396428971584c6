// Checks of mailboxes to order (from a CSV, a form or a naming pattern): every row is checked
// on its own, so one bad row never blocks the rest. The CSV itself is read in Rust
// (`commands.readMailboxCsv`, cmr_core::mailbox_csv).
import type { MailboxCsv } from "../../bindings";
import {
  MAX_MAILBOXES_PER_DOMAIN,
  personNameProblem,
  RECOMMENDED_MAILBOXES_PER_DOMAIN,
  usernameProblem,
} from "./rules";

export interface DomainInfo {
  /** e.g. GOOGLE or MICROSOFT */
  provider: string;
  /** Usernames that already exist on the domain. */
  existing: string[];
}

export interface MailboxDraft {
  line: number;
  username: string;
  firstName: string;
  lastName: string;
  domain: string;
}

export interface RowIssue {
  field: "username" | "firstName" | "lastName" | "domain" | "provider" | "row";
  message: string;
}

export interface RejectedRow {
  line: number;
  raw: string[];
  issues: RowIssue[];
}

/** A mailbox to check: from a CSV row, a form or a naming pattern. */
export interface Candidate extends MailboxDraft {
  /** Provider the row asks for, if it names one. */
  provider?: string;
  /** The row as it was written (CSV fields), for the rejection report. */
  raw?: string[];
}

export interface DraftsResult {
  accepted: MailboxDraft[];
  rejected: RejectedRow[];
  /** Accepted rows that break an assumed rule: CMR may refuse them. */
  warned: RejectedRow[];
  crowded: string[];
}

/**
 * Checks each candidate on its own against the customer's domains, the existing mailboxes and
 * the mailboxes already queued for this order (`queued`), so one bad row never blocks the rest.
 */
export function validateDrafts(
  candidates: Candidate[],
  domains: ReadonlyMap<string, DomainInfo>,
  queued: readonly Pick<MailboxDraft, "username" | "domain">[] = [],
): DraftsResult {
  const result: DraftsResult = { accepted: [], rejected: [], warned: [], crowded: [] };
  const taken = new Map<string, Set<string>>();
  for (const [name, info] of domains) taken.set(name, new Set(info.existing.map((u) => u.toLowerCase())));
  for (const q of queued) taken.get(q.domain)?.add(q.username);

  for (const c of candidates) {
    const draft: MailboxDraft = {
      line: c.line,
      username: c.username.trim(),
      firstName: c.firstName.trim(),
      lastName: c.lastName.trim(),
      domain: c.domain.trim().toLowerCase().replace(/\.$/, ""),
    };
    const issues: RowIssue[] = [];
    // Empty fields block; the name rules themselves are assumed, so they only warn.
    const doubts: RowIssue[] = [];
    const sort = (field: RowIssue["field"], message: string | null, empty: boolean) => {
      if (message) (empty ? issues : doubts).push({ field, message });
    };
    const u = usernameProblem(draft.username);
    sort("username", u, draft.username === "");
    sort("firstName", personNameProblem(draft.firstName, "first name"), draft.firstName === "");
    sort("lastName", personNameProblem(draft.lastName, "last name"), draft.lastName === "");

    const info = domains.get(draft.domain);
    if (draft.domain === "") issues.push({ field: "domain", message: "Enter the domain." });
    else if (!info) issues.push({ field: "domain", message: `${draft.domain} is not an active domain of this customer.` });
    else {
      const provider = (c.provider ?? "").trim().toUpperCase();
      if (provider !== "" && provider !== info.provider.toUpperCase()) {
        issues.push({ field: "provider", message: `${draft.domain} is a ${info.provider} workspace, not ${provider}.` });
      }
      const used = taken.get(draft.domain)!;
      if (draft.username !== "" && used.has(draft.username)) {
        issues.push({ field: "username", message: `${draft.username}@${draft.domain} already exists or is listed twice.` });
      } else if (issues.length === 0 && used.size >= info.existing.length + MAX_MAILBOXES_PER_DOMAIN) {
        doubts.push({ field: "row", message: `More than ${MAX_MAILBOXES_PER_DOMAIN} new mailboxes on one domain in one order.` });
      }
    }

    if (issues.length > 0) {
      result.rejected.push({
        line: c.line,
        raw: c.raw ?? [c.username, c.firstName, c.lastName, c.domain],
        issues,
      });
    } else {
      taken.get(draft.domain)!.add(draft.username);
      result.accepted.push(draft);
      if (doubts.length) result.warned.push({ line: c.line, raw: c.raw ?? [c.username, c.firstName, c.lastName, c.domain], issues: doubts });
    }
  }

  for (const [name, used] of taken) {
    const added = result.accepted.some((d) => d.domain === name);
    if (added && used.size > RECOMMENDED_MAILBOXES_PER_DOMAIN) result.crowded.push(name);
  }
  return result;
}

/**
 * The order's checks on a CSV the backend has read (`commands.readMailboxCsv`: bytes and rows
 * bounded, quotes, each row with its line): its rows are checked like any other candidate, and
 * the rows it left out (a field too long) are reported beside the order's own rejections.
 */
export function checkMailboxCsv(
  csv: MailboxCsv,
  domains: ReadonlyMap<string, DomainInfo>,
  queued: readonly Pick<MailboxDraft, "username" | "domain">[] = [],
): DraftsResult {
  const result = validateDrafts(csv.rows, domains, queued);
  const rejected = [...csv.rejected, ...result.rejected].sort((a, b) => a.line - b.line);
  return { ...result, rejected };
}
