// CSV import of mailboxes (username, first name, last name, domain): every row is checked on
// its own, so one bad row never blocks the rest.
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

export interface CsvResult {
  accepted: MailboxDraft[];
  rejected: RejectedRow[];
  /** Accepted rows that break an assumed rule: CMR may refuse them. */
  warned: RejectedRow[];
  /** Domains that end up above the recommended count: a warning, not an error. */
  crowded: string[];
  /** A problem with the file as a whole (no header, missing columns). */
  fileError: string | null;
}

/** RFC 4180 fields: quotes, doubled quotes inside quotes, commas and line breaks in quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const columns = {
  username: ["username", "user name", "user", "local part"],
  firstName: ["first name", "firstname", "first_name", "first"],
  lastName: ["last name", "lastname", "last_name", "last", "surname"],
  domain: ["domain", "domain name"],
  provider: ["provider", "service provider"],
} as const;

type Column = keyof typeof columns;

function headerIndex(header: string[]): Partial<Record<Column, number>> {
  const found: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [col, names] of Object.entries(columns) as [Column, readonly string[]][]) {
      if (names.includes(name) && found[col] === undefined) found[col] = i;
    }
  });
  return found;
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

export function validateMailboxCsv(
  text: string,
  domains: ReadonlyMap<string, DomainInfo>,
  queued: readonly Pick<MailboxDraft, "username" | "domain">[] = [],
): CsvResult {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const header = rows[0];
  if (!header) return { accepted: [], rejected: [], warned: [], crowded: [], fileError: "The file is empty." };
  const at = headerIndex(header);
  const missing = (["username", "firstName", "lastName", "domain"] as const).filter((c) => at[c] === undefined);
  if (missing.length > 0) {
    return {
      accepted: [],
      rejected: [],
      warned: [],
      crowded: [],
      fileError: `The first line must name the columns username, first name, last name and domain (missing: ${missing
        .map((m) => columns[m][0])
        .join(", ")}).`,
    };
  }

  const candidates: Candidate[] = [];
  rows.slice(1).forEach((raw, i) => {
    if (raw.every((f) => f.trim() === "")) return;
    const get = (c: Column) => (at[c] === undefined ? "" : (raw[at[c]!] ?? "").trim());
    candidates.push({
      line: i + 2,
      raw,
      username: get("username"),
      firstName: get("firstName"),
      lastName: get("lastName"),
      domain: get("domain"),
      provider: get("provider"),
    });
  });
  return { ...validateDrafts(candidates, domains, queued), fileError: null };
}
