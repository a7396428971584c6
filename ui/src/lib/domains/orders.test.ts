import { describe, expect, it } from "vitest";
import type { ActionView } from "../../bindings";
import { awaitingProcessing, cleanOrderId, orderActions, isOrderNotFound, orderAmountCents, orderIdOf } from "./orders";

const action = (over: Partial<ActionView>): ActionView => ({
  id: "1", profileId: "p", actionId: null, operation: "create_order_json", customerId: "U1", subject: "acme.com",
  state: "accepted", detail: null, attempts: 1, createdAt: "2026-11-26T10:00:00Z", updatedAt: "2026-11-26T10:00:00Z", jobId: null,
  settled: false, blocksResend: true, checkedAt: null, ...over,
});

describe("order actions", () => {
  it("keeps only order operations of the customer, newest first", () => {
    const all = [
      action({ id: "a", createdAt: "2026-11-26T09:00:00Z" }),
      action({ id: "b", operation: "renew_domains" }),
      action({ id: "c", operation: "process_order", createdAt: "2026-11-26T11:00:00Z" }),
      action({ id: "d", customerId: "U2", operation: "order_prewarmup" }),
    ];
    expect(orderActions(all, "U1").map((a) => a.id)).toEqual(["c", "a"]);
    expect(orderActions(all, null).map((a) => a.id)).toEqual(["c", "d", "a"]);
  });

  it("searches subject, action id and operation", () => {
    const all = [action({ id: "a", subject: "ORD42" }), action({ id: "b", actionId: "ACT_9" })];
    expect(orderActions(all, null, "ord42").map((a) => a.id)).toEqual(["a"]);
    expect(orderActions(all, null, "act_9").map((a) => a.id)).toEqual(["b"]);
  });
});

describe("orders", () => {
  it("cleans typed ids", () => {
    expect(cleanOrderId("  ORD1 ")).toBe("ORD1");
    expect(cleanOrderId("   ")).toBeNull();
  });

  it("knows an unconfirmed order from a started one", () => {
    expect(awaitingProcessing({ status: "PENDING", amountCharged: 0 })).toBe(true);
    expect(awaitingProcessing({ status: "PENDING", amountCharged: 42.5 })).toBe(false);
    expect(awaitingProcessing({ status: "PAID", amountCharged: 0 })).toBe(false);
  });

  it("reads the amount in cents", () => {
    expect(orderAmountCents({ amount: 61.5, amountCharged: 0 })).toBe(6150);
    expect(orderAmountCents({ amountCharged: "12.00" })).toBe(1200);
    expect(orderAmountCents({ amountCharged: null })).toBeNull();
  });
});

describe("order ids of actions", () => {
  it("reads the id from process_order only", () => {
    expect(orderIdOf({ operation: "process_order", subject: "ORD7" })).toBe("ORD7");
    expect(orderIdOf({ operation: "create_order_json", subject: "acme.com" })).toBeNull();
  });
});

describe("not found", () => {
  it("recognises a missing order by code, status or message", () => {
    expect(isOrderNotFound({ code: "not_found", status: 404, message: "x" })).toBe(true);
    expect(isOrderNotFound({ code: "validation", status: 400, message: "Order X not found for this user" })).toBe(true);
    expect(isOrderNotFound({ code: "upstream", status: 500, message: "boom" })).toBe(false);
    expect(isOrderNotFound(null)).toBe(false);
  });
});
