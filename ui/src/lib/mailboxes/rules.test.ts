import { describe, expect, it } from "vitest";
import vectors from "../rules.vectors.json";
import { personNameProblem, usernameProblem } from "./rules";

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
