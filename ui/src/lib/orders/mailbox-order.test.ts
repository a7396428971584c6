import { describe, expect, it } from "vitest";
import type { Domain, Mailbox, Subscription } from "../../bindings";
import { totalOf } from "../money";
import { buildMailboxOrders, domainInfos, domainTargets, mailboxCostLines, mailboxStep, mailboxStatusWords } from "./mailbox-order";
import { DEFAULT_MAILBOX_MONTHLY_CENTS } from "./prices";

const domains: Domain[] = [
  { domainId: "D1", domainName: "acme.com", status: "ACTIVE", serviceProvider: "GOOGLE" },
  { domainId: "D2", domainName: "acme.io", status: "ACTIVE", serviceProvider: "MICROSOFT" },
  { domainId: "D3", domainName: "old.net", status: "EXPIRED", serviceProvider: "GOOGLE" },
];
const subs: Subscription[] = [
  { subscriptionId: "S1", subscriptionStatus: "ACTIVE", domain: "acme.com", pricePerMailbox: 8, serviceProvider: "GOOGLE" },
  { subscriptionId: "S0", subscriptionStatus: "CANCELLED", domain: "acme.io", pricePerMailbox: 3 },
];
const mailboxes: Mailbox[] = [{ email: "sales@acme.com" }, { username: "bob", domain: "acme.io" }];

describe("mailbox order targets", () => {
  it("use the live subscription, else the domain; only ACTIVE domains", () => {
    const t = domainTargets(domains, subs);
    expect([...t.keys()]).toEqual(["acme.com", "acme.io"]);
    expect(t.get("acme.com")).toMatchObject({ subscriptionId: "S1", unitCents: 800 });
    expect(t.get("acme.io")).toMatchObject({ subscriptionId: null, domainId: "D2", unitCents: DEFAULT_MAILBOX_MONTHLY_CENTS, provider: "MICROSOFT" });
    const infos = domainInfos(t, mailboxes);
    expect(infos.get("acme.com")!.existing).toEqual(["sales"]);
    expect(infos.get("acme.io")!.existing).toEqual(["bob"]);
  });

  it("leave out a domain whose subscription is renewing or past due", () => {
    const more: Domain[] = [...domains, { domainId: "D4", domainName: "busy.com", status: "ACTIVE" }, { domainId: "D5", domainName: "late.com", status: "ACTIVE" }];
    const withBusy: Subscription[] = [
      ...subs,
      { subscriptionId: "S4", subscriptionStatus: "RENEWING", domain: "busy.com" },
      { subscriptionId: "S5", subscriptionStatus: "PAST_DUE", domain: "late.com" },
    ];
    expect([...domainTargets(more, withBusy).keys()]).toEqual(["acme.com", "acme.io"]);
  });

  it("price each domain at its own seat price, warmup for all", () => {
    const t = domainTargets(domains, subs);
    const drafts = [
      { line: 1, username: "a", firstName: "A", lastName: "A", domain: "acme.com" },
      { line: 2, username: "b", firstName: "B", lastName: "B", domain: "acme.io" },
      { line: 3, username: "c", firstName: "C", lastName: "C", domain: "acme.io" },
    ];
    expect(totalOf(mailboxCostLines(drafts, t, false))).toBe(800 + 2 * DEFAULT_MAILBOX_MONTHLY_CENTS);
    expect(mailboxCostLines(drafts, t, true, 100).at(-1)).toMatchObject({ quantity: 3, totalCents: 300 });
  });

  it("build one confirmed request per domain with subscriptionId xor domainId", () => {
    const t = domainTargets(domains, subs);
    const orders = buildMailboxOrders(
      [
        { line: 1, username: "a", firstName: "Ann", lastName: "Lee", domain: "acme.com" },
        { line: 2, username: "b", firstName: "Bo", lastName: "Ng", domain: "acme.io" },
      ],
      t,
      true,
    );
    expect(orders[0]).toEqual({
      domain: "acme.com",
      request: {
        subscriptionId: "S1",
        billingCycle: "MONTHLY",
        confirm: true,
        mailboxes: { "acme.com": [{ username: "a", firstName: "Ann", lastName: "Lee", onWarmup: true }] },
      },
    });
    expect(orders[1]!.request).toMatchObject({ domainId: "D2", autoRenew: true, confirm: true });
    expect(orders[1]!.request.subscriptionId).toBeUndefined();
  });

  it("show mailbox progress in steps and words", () => {
    expect(mailboxStep("IN_PROGRESS")).toBe(1);
    expect(mailboxStep("ACTIVE")).toBe(3);
    expect(mailboxStep(undefined)).toBe(0);
    expect(mailboxStatusWords("CREATING_PASSWORD")).toBe("Setting the password");
  });
});
