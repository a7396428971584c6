import { describe, expect, it } from "vitest";
import type { MailboxCsv } from "../../bindings";
import { checkMailboxCsv, validateDrafts, type DomainInfo } from "./csv";
import { MAX_MAILBOXES_PER_DOMAIN } from "./rules";

const domains = new Map<string, DomainInfo>([
  ["acme.com", { provider: "GOOGLE", existing: ["sales"] }],
  ["acme.io", { provider: "MICROSOFT", existing: [] }],
]);

/** What `commands.readMailboxCsv` returns for simple lines (no quotes): rows after the header. */
function read(lines: string[]): MailboxCsv {
  const rows = lines.slice(1).flatMap((l, i) => {
    const raw = l.split(",");
    if (raw.every((f) => f.trim() === "")) return [];
    const [username = "", firstName = "", lastName = "", domain = "", provider = ""] = raw.map((f) => f.trim());
    return [{ line: i + 2, raw, username, firstName, lastName, domain, provider }];
  });
  return { rows, rejected: [] };
}

describe("checkMailboxCsv", () => {
  it("accepts good rows and rejects each bad row on its own, with the field named", () => {
    const csv = [
      "Username,First Name,Last Name,Domain,Provider",
      "john.smith,John,Smith,acme.com,google",
      "Bad Name,Ann,Lee,acme.com,",
      "sales,Sam,Sales,acme.com,",
      "jane,Jane,,acme.io,",
      "ok,Olga,K,unknown.com,",
      "mike,Mike,Ross,acme.io,GOOGLE",
      "john.smith,Johnny,Smith,acme.com,",
      ",,,,",
      "zoe,Zoë,O'Brien,ACME.IO.,",
    ];
    const r = checkMailboxCsv(read(csv), domains);
    // The username rule is assumed: "Bad Name" goes through, with a warning on its line.
    expect(r.accepted.map((d) => `${d.username}@${d.domain}`)).toEqual(["john.smith@acme.com", "Bad Name@acme.com", "zoe@acme.io"]);
    expect(r.warned.map((x) => [x.line, x.issues.map((i) => i.field)])).toEqual([[3, ["username"]]]);
    expect(r.warned[0]!.issues[0]!.message).toBe("Use lower-case letters only.");
    expect(r.rejected.map((x) => [x.line, x.issues.map((i) => i.field)])).toEqual([
      [4, ["username"]],
      [5, ["lastName"]],
      [6, ["domain"]],
      [7, ["provider"]],
      [8, ["username"]],
    ]);
  });

  it("reports the rows the file reader left out in line order with the others", () => {
    const csv = read(["username,first name,last name,domain", "anna,Anna,Berg,acme.com", "x,,Y,acme.com"]);
    csv.rejected.push({ line: 2, raw: ["bob", "B", "x…", "acme.com"], issues: [{ field: "lastName", message: "At most 256 characters." }] });
    csv.rows = csv.rows.filter((r) => r.line !== 2);
    const r = checkMailboxCsv(csv, domains);
    expect(r.rejected.map((x) => [x.line, x.issues.map((i) => i.field)])).toEqual([
      [2, ["lastName"]],
      [3, ["firstName"]],
    ]);
  });

  it("warns past the (assumed) per-domain limit and about crowded domains", () => {
    const lines = ["username,first name,last name,domain"];
    for (let i = 0; i <= MAX_MAILBOXES_PER_DOMAIN; i++) lines.push(`user${i},User,Number${i},acme.io`);
    const r = checkMailboxCsv(read(lines), domains);
    expect(r.accepted).toHaveLength(MAX_MAILBOXES_PER_DOMAIN + 1);
    expect(r.rejected).toHaveLength(0);
    expect(r.warned).toHaveLength(1);
    expect(r.warned[0]!.issues[0]!.field).toBe("row");
    expect(r.crowded).toEqual(["acme.io"]);
  });
});

describe("validateDrafts", () => {
  it("counts mailboxes already queued for the order as taken", () => {
    const r = validateDrafts(
      [
        { line: 1, username: "anna", firstName: "Anna", lastName: "Berg", domain: "acme.com" },
        { line: 2, username: "tom", firstName: "Tom", lastName: "Berg", domain: "acme.com", provider: "microsoft" },
      ],
      domains,
      [{ username: "anna", domain: "acme.com" }],
    );
    expect(r.accepted).toEqual([]);
    expect(r.rejected.map((x) => x.issues.map((i) => i.field))).toEqual([["username"], ["provider"]]);
    expect(r.rejected[0]!.raw).toEqual(["anna", "Anna", "Berg", "acme.com"]);
  });
});
