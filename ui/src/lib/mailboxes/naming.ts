// Usernames from people's names by a pattern, as resellers set up sending mailboxes.
import { usernameProblem } from "./rules";

export interface Person {
  firstName: string;
  lastName: string;
}

export const namingPatterns = {
  "first.last": "john.smith",
  "f.last": "j.smith",
  "first.l": "john.s",
  firstlast: "johnsmith",
  first_last: "john_smith",
  first: "john",
  "last.first": "smith.john",
} as const;

export type NamingPattern = keyof typeof namingPatterns;

/** "Zoë O'Brien-Lee" → "zoe", "obrienlee": ASCII, lower case, no punctuation. */
export function slug(part: string): string {
  return part
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export function usernameFor(person: Person, pattern: NamingPattern): string {
  const f = slug(person.firstName);
  const l = slug(person.lastName);
  switch (pattern) {
    case "first.last":
      return l ? `${f}.${l}` : f;
    case "f.last":
      return l ? `${f.slice(0, 1)}.${l}` : f;
    case "first.l":
      return l ? `${f}.${l.slice(0, 1)}` : f;
    case "firstlast":
      return f + l;
    case "first_last":
      return l ? `${f}_${l}` : f;
    case "first":
      return f;
    case "last.first":
      return l ? `${l}.${f}` : f;
  }
}

/**
 * One username per person, unique within `taken` (existing addresses on the domain) and
 * within the batch: a clash gets a number (john.smith, john.smith2, …).
 */
export function uniqueUsernames(people: Person[], pattern: NamingPattern, taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  return people.map((p) => {
    const base = usernameFor(p, pattern) || "mailbox";
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}${n}`;
    used.add(candidate);
    return candidate;
  });
}

/** A pasted list of names, one per line: "John Smith", "Smith, John" or "John,Smith". */
export function parseNameList(text: string): { people: Person[]; skipped: number[] } {
  const people: Person[] = [];
  const skipped: number[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let first: string;
    let last: string;
    const comma = line.split(",").map((s) => s.trim());
    if (comma.length === 2 && /\s/.test(line) && !/\s/.test(comma[0]!) && line.indexOf(",") < line.indexOf(" ")) {
      // "Smith, John"
      [last, first] = comma as [string, string];
    } else if (comma.length === 2) {
      [first, last] = comma as [string, string];
    } else {
      const words = line.split(/\s+/);
      first = words[0]!;
      last = words.slice(1).join(" ");
    }
    if (slug(first) === "" || usernameProblem(slug(first)) !== null) skipped.push(i + 1);
    else people.push({ firstName: first, lastName: last });
  });
  return { people, skipped };
}
