import { describe, expect, it } from "vitest";
import type { Domain, Mailbox } from "../../bindings";
import { emailForwardingBlock, emailProblem, forwardUrlProblem, mailboxesOn, removalBlock, validDomainName } from "./forwarding";

describe("forwarding targets", () => {
  it("accepts web addresses and bare domains", () => {
    expect(forwardUrlProblem("https://acme-main.com")).toBeNull();
    expect(forwardUrlProblem("http://acme.com/landing?x=1")).toBeNull();
    expect(forwardUrlProblem("acme.io")).toBeNull();
  });

  it("refuses what is not a web address, with a reason", () => {
    expect(forwardUrlProblem("")).toMatch(/Enter/);
    expect(forwardUrlProblem("not a url")).toMatch(/no spaces/);
    expect(forwardUrlProblem("ftp://acme.com")).toMatch(/Only http/);
    expect(forwardUrlProblem("https://localhost")).toMatch(/not a valid domain/);
    expect(forwardUrlProblem("https://user:pw@acme.com")).toMatch(/user name/);
  });

  it("checks email addresses and domain names", () => {
    expect(emailProblem("support@company.com")).toBeNull();
    expect(emailProblem("support@company")).toMatch(/not an email/);
    expect(validDomainName("a-b.co")).toBe(true);
    expect(validDomainName("-ab.co")).toBe(false);
  });
});

describe("removal and email forwarding rules", () => {
  const d: Domain = { domainName: "acme.com", domainId: "D1", status: "ACTIVE" };
  const boxes: Mailbox[] = [
    { email: "a@acme.com", domain: "acme.com", status: "ACTIVE" },
    { email: "b@acme.com", domainId: "D1", status: "IN_PROGRESS" },
    { email: "c@other.com", domain: "other.com", status: "ACTIVE" },
  ];

  it("finds mailboxes by domain name or id", () => {
    expect(mailboxesOn(d, boxes).map((m) => m.email)).toEqual(["a@acme.com", "b@acme.com"]);
  });

  it("refuses removal while mailboxes remain, and for pending domains", () => {
    expect(removalBlock(d, boxes)).toEqual({ source: "help guide", message: expect.stringMatching(/still has 2 mailboxes/) });
    expect(removalBlock({ domainName: "free.com", status: "ACTIVE" }, boxes)).toBeNull();
    expect(removalBlock({ domainName: "new.com", status: "PENDING" }, [])).toEqual({ source: "assumed", message: "it is still being registered." });
  });

  it("needs every mailbox active for email forwarding", () => {
    expect(emailForwardingBlock(d, boxes)).toEqual({ source: "help guide", message: "1 of its mailboxes are not active yet." });
    expect(emailForwardingBlock({ domainName: "other.com", status: "ACTIVE" }, boxes)).toBeNull();
    expect(emailForwardingBlock({ domainName: "none.com", status: "ACTIVE" }, boxes)).toEqual({ source: "assumed", message: "it has no mailboxes to forward mail from." });
    expect(emailForwardingBlock({ domainName: "other.com", status: "EXPIRED" }, boxes)?.source).toBe("assumed");
  });
});
