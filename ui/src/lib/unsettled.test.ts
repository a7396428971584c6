import { describe, expect, it } from "vitest";
import type { ActionView, AppError } from "../bindings";
import { canRelease, cleared, explain, firstUnsettled, gatesPay, outcome, phraseMatches, wentThrough, type Guarded } from "./unsettled";

const view = (over: Partial<ActionView> = {}): ActionView => ({
  id: "a1", profileId: "demo", actionId: null, operation: "create_order_json", customerId: "U1", subject: "fresh-x.com",
  state: "outcome_unknown", detail: null, attempts: 1, createdAt: "2026-11-26T10:00:00Z", updatedAt: "2026-11-26T10:00:00Z",
  jobId: null, settled: true, blocksResend: true, checkedAt: null, ...over,
});

const error = (code: AppError["code"]): AppError => ({ code, message: "m", status: null, fields: null, actionId: null });

describe("an unsettled earlier payment", () => {
  it("holds Pay back after a lost answer or an in-flight refusal, not after a plain refusal", () => {
    expect(gatesPay(error("outcome_unknown"))).toBe(true);
    expect(gatesPay(error("in_flight"))).toBe(true);
    expect(gatesPay(error("insufficient_funds"))).toBe(false);
    expect(gatesPay(null)).toBe(false);
  });

  it("lets Pay come back only when the tracker no longer refuses a resend and nothing went through", () => {
    expect(cleared(view({ state: "released", blocksResend: false }))).toBe(true);
    expect(cleared(view({ state: "not_applied", blocksResend: false }))).toBe(true);
    expect(cleared(view({ state: "outcome_unknown" }))).toBe(false);
    // Took effect: never Pay again for it, whatever the flag says.
    expect(cleared(view({ state: "submitted", blocksResend: false }))).toBe(false);
    expect(wentThrough(view({ state: "submitted" }))).toBe(true);
    expect(wentThrough(view({ state: "reconciling" }))).toBe(false);
  });

  it("offers Send anyway only after a check that found nothing", () => {
    expect(canRelease(view())).toBe(false);
    expect(canRelease(view({ checkedAt: "2026-11-26T10:05:00Z" }))).toBe(true);
    expect(canRelease(view({ state: "reconciling", checkedAt: "2026-11-26T10:05:00Z" }))).toBe(false);
  });

  it("wants the words typed, ignoring case and surrounding spaces", () => {
    expect(phraseMatches(" Send again ")).toBe(true);
    expect(phraseMatches("send")).toBe(false);
    expect(phraseMatches("sendagain")).toBe(false);
  });

  it("explains the hold in words, with the tracker's detail", () => {
    expect(explain(view())).toBe("The answer to the earlier payment was lost; CMR may already have carried it out.");
    expect(explain(view({ state: "reconciling", detail: "Reading the domain list." }))).toMatch(/reading CMR's state.*Reading the domain list\.$/);
    expect(explain(view(), "order")).toBe("The answer to the earlier order was lost; CMR may already have carried it out.");
  });

  it("says what a check found", () => {
    expect(outcome(view())).toBeNull();
    expect(outcome(view({ checkedAt: "2026-11-26T10:05:00Z" }), () => "10:05")).toEqual({
      applied: false,
      text: "Still not visible at CMR (checked at 10:05).",
    });
    expect(outcome(view({ state: "submitted", detail: "The domain is at CMR; not sent again." }))).toEqual({
      applied: true,
      text: "It went through (fresh-x.com): The domain is at CMR; not sent again.",
    });
    expect(outcome(view({ state: "submitted" }))?.text).toBe("It went through (fresh-x.com).");
  });

  it("finds the first of several calls that an earlier one would repeat, asking in order", async () => {
    const asked: string[] = [];
    const list: Guarded[] = ["m1", "m2", "m3"].map((id) => ({ operation: "add_warmup", userId: null, subject: id, request: { mailboxId: id } }));
    const found = await firstUnsettled(list, async (g) => {
      asked.push(g.subject);
      return g.subject === "m2" ? view({ id: "w2" }) : null;
    });
    expect(found?.id).toBe("w2");
    expect(asked).toEqual(["m1", "m2"]);
    expect(await firstUnsettled([], async () => view())).toBeNull();
  });
});
