import { describe, expect, it } from "vitest";
import type { AppError } from "../../bindings";
import { formatCents } from "../money";
import {
  addToCart,
  buildCreateOrder,
  cartLines,
  cartProblem,
  cartTotal,
  cartWarning,
  isInsufficientFunds,
  removeFromCart,
  setYears,
  type MailboxPlan,
} from "./cart";

const plan: MailboxPlan = {
  people: [
    { firstName: "John", lastName: "Smith" },
    { firstName: "Jon", lastName: "Smith" },
  ],
  pattern: "f.last",
  warmup: false,
};

describe("cart", () => {
  it("holds each domain once, clamps years and removes", () => {
    let cart = addToCart([], { domain: "fresh-a.com", years: 1, priceCents: 1200 });
    cart = addToCart(cart, { domain: "fresh-a.com", years: 1, priceCents: 1200 });
    cart = addToCart(cart, { domain: "fresh-a.io", years: 1, priceCents: 3500 });
    expect(cart).toHaveLength(2);
    expect(setYears(cart, "fresh-a.io", 0)[1]!.years).toBe(1);
    expect(setYears(cart, "fresh-a.io", 99)[1]!.years).toBe(10);
    expect(removeFromCart(cart, "fresh-a.com").map((c) => c.domain)).toEqual(["fresh-a.io"]);
  });

  it("totals domains × years plus a month of every mailbox, in cents", () => {
    const cart = [
      { domain: "fresh-a.com", years: 2, priceCents: 1200 },
      { domain: "fresh-a.io", years: 1, priceCents: 3500 },
    ];
    const lines = cartLines(cart, plan, 300, 100);
    expect(lines.map((l) => l.totalCents)).toEqual([2400, 3500, 1200]);
    expect(formatCents(cartTotal(cart, plan))).toBe("$71.00");
    expect(cartLines(cart, { ...plan, warmup: true }, 300, 100).at(-1)).toMatchObject({ quantity: 4, totalCents: 400 });
  });

  it("explains what stops an order", () => {
    expect(cartProblem([], plan)).toContain("at least one available domain");
    const cart = [{ domain: "fresh-a.com", years: 1, priceCents: 1200 }];
    expect(cartProblem(cart, { ...plan, people: [] })).toContain("at least one sender");
    // The name rule is assumed: it warns, it does not block.
    expect(cartProblem(cart, { ...plan, people: [{ firstName: "<b>", lastName: "X" }] })).toBeNull();
    expect(cartWarning({ ...plan, people: [{ firstName: "<b>", lastName: "X" }] })).toContain("first name");
    expect(cartProblem(cart, { ...plan, people: [{ firstName: " ", lastName: "X" }] })).toContain("enter both names");
    expect(cartProblem(cart, plan)).toBeNull();
    expect(cartWarning(plan)).toBeNull();
  });
});

describe("order request", () => {
  it("is unconfirmed, monthly, keyed by domain name, with unique usernames", () => {
    const cart = [
      { domain: "fresh-a.com", years: 2, priceCents: 1200 },
      { domain: "fresh-b.net", years: 1, priceCents: 1400 },
    ];
    const req = buildCreateOrder(cart, { ...plan, warmup: true }, "MICROSOFT");
    expect(req.confirm).toBe(false);
    expect(req.billingCycle).toBe("MONTHLY");
    expect(req.serviceProvider).toBe("MICROSOFT");
    expect(req.domains).toEqual([
      { domain: "fresh-a.com", years: 2 },
      { domain: "fresh-b.net", years: 1 },
    ]);
    expect(Object.keys(req.mailboxes)).toEqual(["fresh-a.com", "fresh-b.net"]);
    expect(req.mailboxes["fresh-a.com"]).toEqual([
      { username: "j.smith", firstName: "John", lastName: "Smith", onWarmup: true },
      { username: "j.smith2", firstName: "Jon", lastName: "Smith", onWarmup: true },
    ]);
    expect(req.mailboxes["fresh-a.com"]).not.toBe(req.mailboxes["fresh-b.net"]);
  });

  it("recognises a refusal for lack of funds whatever status carries it", () => {
    const e = (code: AppError["code"], message: string): AppError => ({ code, message, status: null, fields: null, actionId: null });
    expect(isInsufficientFunds(e("insufficient_funds", "x"))).toBe(true);
    expect(isInsufficientFunds(e("validation", "Insufficient wallet balance: Order costs $5"))).toBe(true);
    expect(isInsufficientFunds(e("validation", "years must be between 1 and 10"))).toBe(false);
    expect(isInsufficientFunds(null)).toBe(false);
  });
});
