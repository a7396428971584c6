// Bulk edit of names: the same first/last name for the selection, or usernames from each
// mailbox's own person name by a naming pattern. Everything is checked before a job starts.
import type { Mailbox, MailboxUpdateItem } from "../../../bindings";
import { uniqueUsernames, type NamingPattern } from "../naming";
import { personNameProblem, usernameProblem } from "../rules";
import { mailboxEmail, mailboxId } from "../selection";

export type RenameMode = "names" | "usernames";

export interface RenameInput {
  mode: RenameMode;
  firstName: string;
  lastName: string;
  pattern: NamingPattern;
}

export interface RenameRow {
  mailbox: Mailbox;
  subject: string;
  /** What the mailbox becomes, for the preview. */
  after: string;
  item: MailboxUpdateItem;
  problem: string | null;
}

export interface RenamePlan {
  rows: RenameRow[];
  /** Form-level problems by field (firstName, lastName): these block. */
  fields: Record<string, string>;
  /** Assumed name rules by field: shown, they do not block ("CMR may refuse this"). */
  warnings: Record<string, string>;
}

export function planRename(chosen: Mailbox[], all: Mailbox[], input: RenameInput): RenamePlan {
  const fields: Record<string, string> = {};
  const warnings: Record<string, string> = {};
  if (input.mode === "names") {
    const first = input.firstName.trim();
    const last = input.lastName.trim();
    if (first === "" && last === "") fields.firstName = "Enter a first or last name to set.";
    else {
      if (first !== "") {
        const p = personNameProblem(first, "first name");
        if (p) warnings.firstName = p;
      }
      if (last !== "") {
        const p = personNameProblem(last, "last name");
        if (p) warnings.lastName = p;
      }
    }
    const rows = chosen.map((m) => {
      const item: MailboxUpdateItem = { mailboxId: mailboxId(m) };
      if (first) item.firstName = first;
      if (last) item.lastName = last;
      const name = `${first || m.firstName || ""} ${last || m.lastName || ""}`.trim();
      return { mailbox: m, subject: mailboxEmail(m), after: name, item, problem: null };
    });
    return { rows, fields, warnings };
  }
  // Usernames: unique per domain, against the mailboxes that keep their names.
  const chosenIds = new Set(chosen.map(mailboxId));
  const byDomain = new Map<string, Mailbox[]>();
  for (const m of chosen) {
    const d = m.domain ?? "";
    byDomain.set(d, [...(byDomain.get(d) ?? []), m]);
  }
  const names = new Map<string, string>();
  for (const [domain, list] of byDomain) {
    const taken = all.filter((m) => m.domain === domain && !chosenIds.has(mailboxId(m))).map((m) => m.username ?? "");
    const people = list.map((m) => ({ firstName: m.firstName ?? "", lastName: m.lastName ?? "" }));
    uniqueUsernames(people, input.pattern, taken).forEach((u, i) => names.set(mailboxId(list[i]!), u));
  }
  const rows = chosen.map((m) => {
    const username = names.get(mailboxId(m)) ?? "";
    const problem = !m.firstName?.trim() ? "has no first name to build a username from" : usernameProblem(username);
    return {
      mailbox: m,
      subject: mailboxEmail(m),
      after: `${username}@${m.domain ?? ""}`,
      item: { mailboxId: mailboxId(m), userName: username },
      problem,
    };
  });
  return { rows, fields, warnings };
}

/** Rows that would change nothing are left out of the job. */
export function changedRows(plan: RenamePlan): RenameRow[] {
  return plan.rows.filter((r) => {
    if (r.problem) return false;
    const m = r.mailbox;
    if (r.item.userName !== undefined) return r.item.userName !== m.username;
    return (r.item.firstName !== undefined && r.item.firstName !== m.firstName) || (r.item.lastName !== undefined && r.item.lastName !== m.lastName);
  });
}
