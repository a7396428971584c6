import { describe, expect, it } from "vitest";
import vectors from "../rules.vectors.json";
import { RULES } from "../../bindings";
import { csvFileSizeProblem, personNameProblem, usernameProblem } from "./rules";

describe("mailbox rules, as the Rust rules answer", () => {
  it("judges every username vector as cmr_core::rules::username_problem does", () => {
    for (const v of vectors.usernames) expect([v.input, usernameProblem(v.input)]).toEqual([v.input, v.problem]);
  });

  it("refuses two dots in a row, as the sandbox does", () => {
    expect(usernameProblem("a..b")).toBe("A username cannot have two dots in a row.");
    expect(usernameProblem("alice.j")).toBeNull();
  });

  it("judges every person-name vector as cmr_core::rules::person_name_problem does", () => {
    for (const v of vectors.personNames) expect([v.input, personNameProblem(v.input, v.label)]).toEqual([v.input, v.problem]);
  });
});

describe("the mailbox CSV's size, before the file is read", () => {
  it("takes a file up to the bound Rust applies and refuses one byte more, naming the limit", () => {
    expect(RULES.mailboxCsv.maxBytes).toBe(2 * 1024 * 1024);
    expect(csvFileSizeProblem(0)).toBeNull();
    expect(csvFileSizeProblem(RULES.mailboxCsv.maxBytes)).toBeNull();
    expect(csvFileSizeProblem(RULES.mailboxCsv.maxBytes + 1)).toBe(
      "The file is 2.0 MiB; a mailbox CSV is at most 2.0 MiB (10,000 rows). Split it into smaller files.",
    );
    expect(csvFileSizeProblem(5 * 1024 * 1024 * 1024)).toContain("5120.0 MiB");
  });
});
