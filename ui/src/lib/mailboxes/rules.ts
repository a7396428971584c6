// Mailbox rules checked before anything is sent. The rules themselves are the app's
// (cmr_core::rules, each with its source and reasoning) and arrive as data in the bindings.
// The username and name checks are applied here only so a field can answer while a person
// types; they are line-for-line ports of `username_problem` and `person_name_problem`, and
// their test reads the answers the Rust rules wrote to rules.vectors.json.
import { RULES } from "../../bindings";

/** Assumed limit per domain in one order (warns beyond). */
export const MAX_MAILBOXES_PER_DOMAIN = RULES.maxMailboxesPerDomain;
/** Beyond this many mailboxes on one domain, deliverability usually suffers: warn, don't block. */
export const RECOMMENDED_MAILBOXES_PER_DOMAIN = RULES.recommendedMailboxesPerDomain;

const chars = (s: string) => [...s];

/** A username is the local part of the address: see cmr_core::rules::username_problem. */
export function usernameProblem(username: string): string | null {
  const { maxLen, chars: allowed } = RULES.username;
  if (username === "") return "Enter a username.";
  if (chars(username).length > maxLen) return `Use at most ${maxLen} characters.`;
  if (/[A-Z]/.test(username)) return "Use lower-case letters only.";
  if (!chars(username).every((c) => allowed.includes(c))) return "Use only letters, digits, dots, hyphens and underscores.";
  if (username.startsWith(".") || username.endsWith(".")) return "A username cannot start or end with a dot.";
  if (username.includes("..")) return "A username cannot have two dots in a row.";
  return null;
}

// Rust's char::is_alphanumeric is Unicode Alphabetic or a number (Nd, Nl, No).
const letterOrDigit = /^[\p{Alphabetic}\p{N}]$/u;

/** Letters and digits of any script, and the few signs CMR's user fields accept. */
export function nameCharsAccepted(text: string): boolean {
  return chars(text).every((c) => letterOrDigit.test(c) || RULES.personName.signs.includes(c));
}

/** Person names: see cmr_core::rules::person_name_problem. */
export function personNameProblem(name: string, label: string): string | null {
  const trimmed = name.trim();
  const { maxLen } = RULES.personName;
  if (trimmed === "") return `Enter a ${label}.`;
  if (chars(trimmed).length > maxLen) return `The ${label} is too long (${maxLen} characters at most).`;
  if (!nameCharsAccepted(trimmed)) return `The ${label} has characters CMR does not accept.`;
  return null;
}

/** A chosen CSV file too large to import, said before it is read into memory (the same bound
 *  Rust checks on the text: cmr_core::mailbox_csv::MAX_CSV_BYTES). */
export function csvFileSizeProblem(bytes: number): string | null {
  const max = RULES.mailboxCsv.maxBytes;
  if (bytes <= max) return null;
  const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  return `The file is ${mib(bytes)}; a mailbox CSV is at most ${mib(max)} (${RULES.mailboxCsv.maxRows.toLocaleString("en-US")} rows). Split it into smaller files.`;
}
