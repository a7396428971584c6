import { describe, expect, it } from "vitest";
import { namingPatterns, parseNameList, slug, uniqueUsernames, usernameFor, type NamingPattern } from "./naming";

const john = { firstName: "John", lastName: "Smith" };

describe("naming patterns", () => {
  it("produces each pattern's documented example", () => {
    for (const [pattern, example] of Object.entries(namingPatterns)) {
      expect(usernameFor(john, pattern as NamingPattern)).toBe(example);
    }
  });

  it("folds accents and drops punctuation", () => {
    expect(slug("Zoë")).toBe("zoe");
    expect(usernameFor({ firstName: "Zoë", lastName: "O'Brien-Lee" }, "first.last")).toBe("zoe.obrienlee");
  });

  it("copes with a missing last name", () => {
    expect(usernameFor({ firstName: "Cher", lastName: "" }, "f.last")).toBe("cher");
  });

  it("numbers clashes within the batch and with existing mailboxes", () => {
    const people = [john, { firstName: "Jon", lastName: "Smith" }, { firstName: "John", lastName: "Smith" }];
    expect(uniqueUsernames(people, "f.last", ["j.smith"])).toEqual(["j.smith2", "j.smith3", "j.smith4"]);
    expect(uniqueUsernames(people, "first.last")).toEqual(["john.smith", "jon.smith", "john.smith2"]);
  });
});

describe("name lists", () => {
  it("reads the usual ways of writing names and skips lines without a usable name", () => {
    const { people, skipped } = parseNameList("John Smith\nSmith, Jane\nAna,Lopez\n\n  \n!!!\nMary Ann Jones");
    expect(people).toEqual([
      { firstName: "John", lastName: "Smith" },
      { firstName: "Jane", lastName: "Smith" },
      { firstName: "Ana", lastName: "Lopez" },
      { firstName: "Mary", lastName: "Ann Jones" },
    ]);
    expect(skipped).toEqual([6]);
  });
});
