import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRawSnippet, flushSync, mount, unmount } from "svelte";
import type { ActionView, AppError } from "../bindings";

const api = vi.hoisted(() => ({
  findUnsettledAction: vi.fn(),
  checkAction: vi.fn(),
  releaseAction: vi.fn(),
  listActions: vi.fn(),
}));
vi.mock("../bindings", () => ({
  commands: api,
  events: { actionProgress: { listen: () => Promise.resolve(() => {}) } },
}));

const { default: UnsettledPayment } = await import("./UnsettledPayment.svelte");

const view = (over: Partial<ActionView> = {}): ActionView => ({
  id: "a1", profileId: "demo", actionId: null, operation: "create_order_json", customerId: "U1", subject: "fresh-x.com",
  state: "outcome_unknown", detail: null, attempts: 1, createdAt: "2026-11-26T10:00:00Z", updatedAt: "2026-11-26T10:00:00Z",
  jobId: null, settled: true, blocksResend: true, checkedAt: null, ...over,
});
const ok = <T,>(data: T) => Promise.resolve({ status: "ok" as const, data });

const pay = createRawSnippet(() => ({ render: () => `<button data-testid="pay">Pay</button>` }));
const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const request = { domains: [{ domain: "fresh-x.com", years: 1 }], confirm: false };

// The host's side: a failed Pay sets `error`, as a Task does.
const props = $state<{ error: AppError | null; onapplied: ReturnType<typeof vi.fn<(a: ActionView) => void>> }>({ error: null, onapplied: vi.fn<(a: ActionView) => void>() });
let gate: ReturnType<typeof mount> | undefined;

function open() {
  props.error = null;
  props.onapplied = vi.fn<(a: ActionView) => void>();
  gate = mount(UnsettledPayment, {
    target: document.body,
    props: {
      operation: "create_order_json",
      userId: "U1",
      subject: "fresh-x.com",
      request,
      get error() { return props.error; },
      get onapplied() { return props.onapplied; },
      children: pay,
    },
  });
}

beforeEach(() => {
  Object.values(api).forEach((f) => f.mockReset());
});

afterEach(() => {
  if (gate) unmount(gate);
  gate = undefined;
  document.body.innerHTML = "";
});

describe("UnsettledPayment", () => {
  it("shows Pay when the tracker holds nothing unsettled for this exact request", async () => {
    api.findUnsettledAction.mockReturnValue(ok(null));
    open();
    await vi.waitFor(() => expect(q("pay")).not.toBeNull());
    expect(api.findUnsettledAction).toHaveBeenCalledWith("create_order_json", "U1", "fresh-x.com", request);
    expect(q("unsettled-check")).toBeNull();
  });

  it("replaces Pay with the lost payment; a check that finds nothing opens Send anyway, which needs the phrase", async () => {
    api.findUnsettledAction.mockReturnValue(ok(view()));
    open();
    await vi.waitFor(() => expect(q("unsettled-check")).not.toBeNull());
    expect(q("pay")).toBeNull();
    expect(q("unsettled-explain")!.textContent).toContain("CMR may already have carried it out");
    expect(q("unsettled-release")).toBeNull();

    api.checkAction.mockReturnValue(ok(view({ checkedAt: "2026-11-26T10:05:00Z" })));
    q("unsettled-check")!.click();
    await vi.waitFor(() => expect(q("unsettled-result")?.textContent).toContain("Still not visible at CMR"));
    expect(api.checkAction).toHaveBeenCalledWith("a1");
    const confirm = q("unsettled-release-confirm") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);

    const phrase = q("unsettled-phrase") as HTMLInputElement;
    phrase.value = "send";
    phrase.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    expect(confirm.disabled).toBe(true);
    phrase.value = "send again";
    phrase.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
    expect(confirm.disabled).toBe(false);

    api.releaseAction.mockReturnValue(ok(view({ state: "released", blocksResend: false })));
    api.findUnsettledAction.mockReturnValue(ok(null));
    confirm.click();
    await vi.waitFor(() => expect(q("pay")).not.toBeNull());
    expect(api.releaseAction).toHaveBeenCalledWith("a1", "send again");
  });

  it("a check that finds it went through says so and hands the action to the host, never offering Pay", async () => {
    api.findUnsettledAction.mockReturnValue(ok(view({ state: "reconciling", settled: false })));
    open();
    await vi.waitFor(() => expect(q("unsettled-check")).not.toBeNull());
    const done = view({ state: "submitted", detail: "Found at CMR; not sent again." });
    api.checkAction.mockReturnValue(ok(done));
    q("unsettled-check")!.click();
    await vi.waitFor(() => expect(q("unsettled-result")?.dataset.outcome).toBe("applied"));
    expect(q("unsettled-result")!.textContent).toBe("It went through (fresh-x.com): Found at CMR; not sent again.");
    expect(props.onapplied).toHaveBeenCalledWith(done);
    expect(q("pay")).toBeNull();
  });

  it("switches at once when Pay is refused for an earlier action, even one filed under another request", async () => {
    api.findUnsettledAction.mockReturnValue(ok(null));
    open();
    await vi.waitFor(() => expect(q("pay")).not.toBeNull());
    api.listActions.mockReturnValue(ok([view({ id: "other" }), view({ id: "early", state: "sending", settled: false })]));
    props.error = { code: "in_flight", message: "An earlier order is unsettled.", status: null, fields: null, actionId: "early" };
    await vi.waitFor(() => expect(q("unsettled-check")).not.toBeNull());
    expect(q("unsettled")!.dataset.actionId).toBe("early");
    expect(q("pay")).toBeNull();
    expect(document.activeElement).toBe(q("unsettled-check"));
  });

  it("keeps Pay when the tracker cannot be asked: the tracker still refuses a duplicate itself", async () => {
    api.findUnsettledAction.mockReturnValue(Promise.resolve({ status: "error", error: { code: "storage", message: "x" } }));
    open();
    await vi.waitFor(() => expect(q("pay")).not.toBeNull());
  });
});
