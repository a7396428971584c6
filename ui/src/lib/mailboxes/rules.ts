// Mailbox rules checked before anything is sent. None of them is documented by CMR (all
// "assumed"): an empty field blocks, everything else here only warns ("CMR may refuse this").
// They are kept here, in one place, so a correction is one line.

/** Assumed limit per domain in one order (warns beyond). */
export const MAX_MAILBOXES_PER_DOMAIN = 100;
/** Beyond this many mailboxes on one domain, deliverability usually suffers: warn, don't block. */
export const RECOMMENDED_MAILBOXES_PER_DOMAIN = 5;

/** A username is the local part of the address: lower-case letters, digits, `.`, `_`, `-`. */
export function usernameProblem(username: string): string | null {
  if (username === "") return "Enter a username.";
  if (username.length > 64) return "Use at most 64 characters.";
  if (/[A-Z]/.test(username)) return "Use lower-case letters only.";
  if (!/^[a-z0-9._-]+$/.test(username)) return "Use only letters, digits, dots, hyphens and underscores.";
  if (username.startsWith(".") || username.endsWith(".")) return "A username cannot start or end with a dot.";
  if (username.includes("..")) return "A username cannot have two dots in a row.";
  return null;
}

/** Person names: letters, digits, spaces and . , ' # & ( ) / - (the API's rule for user fields). */
export function personNameProblem(name: string, label: string): string | null {
  const trimmed = name.trim();
  if (trimmed === "") return `Enter a ${label}.`;
  if (trimmed.length > 60) return `The ${label} is too long (60 characters at most).`;
  if (!/^[\p{L}\p{N} .,'#&()/-]+$/u.test(trimmed)) return `The ${label} has characters CMR does not accept.`;
  return null;
}
