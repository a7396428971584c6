import { describe, expect, it } from "vitest";
import type { JobItemView, Mailbox } from "../../bindings";
import { itemStates } from "../jobs";
import { allShownSelected, domainsOf, selectedMailboxes, toggleAllShown, toggleOne } from "../mailboxes/selection";
import { exportable, exportProgress, filterMailboxes } from "./filter";

const mb = (id: string, email: string, status: string, provider = "GOOGLE"): Mailbox =>
  ({ mailboxId: id, email, status, domain: email.split("@")[1], serviceProvider: provider, firstName: "Ann", lastName: id }) as Mailbox;

const list = [
  mb("m1", "ann@acme.com", "ACTIVE"),
  mb("m2", "bob@acme.com", "IN_PROGRESS"),
  mb("m3", "cy@beta.io", "ACTIVE", "MICROSOFT"),
  mb("m4", "dee@beta.io", "EXPIRED"),
];

describe("mailbox filter", () => {
  it("filters by words, domain and status", () => {
    expect(filterMailboxes(list, { query: "acme", domain: "", status: "" }).map((m) => m.mailboxId)).toEqual(["m1", "m2"]);
    expect(filterMailboxes(list, { query: "", domain: "beta.io", status: "exportable" }).map((m) => m.mailboxId)).toEqual(["m3"]);
    expect(filterMailboxes(list, { query: "microsoft", domain: "", status: "" }).map((m) => m.mailboxId)).toEqual(["m3"]);
    expect(filterMailboxes(list, { query: "", domain: "", status: "EXPIRED" }).map((m) => m.mailboxId)).toEqual(["m4"]);
    expect(domainsOf(list)).toEqual(["acme.com", "beta.io"]);
  });
});

describe("selection", () => {
  it("select all takes only exportable mailboxes shown, and toggles back", () => {
    const shown = filterMailboxes(list, { query: "acme", domain: "", status: "" });
    let sel = toggleAllShown(new Set(), shown, exportable);
    expect([...sel]).toEqual(["m1"]);
    expect(allShownSelected(sel, shown, exportable)).toBe(true);
    sel = toggleOne(sel, "m3");
    expect(selectedMailboxes(list, sel, exportable).map((m) => m.mailboxId)).toEqual(["m1", "m3"]);
    sel = toggleAllShown(sel, shown, exportable);
    expect([...sel]).toEqual(["m3"]);
    expect(allShownSelected(new Set(), [list[1]!], exportable)).toBe(false);
  });

  it("keeps a mailbox that stopped being exportable out of the export", () => {
    expect(selectedMailboxes(list, new Set(["m2", "m4"]), exportable)).toEqual([]);
  });
});

describe("export progress", () => {
  it("maps job items back to mailboxes and counts", () => {
    const item = (index: number, state: JobItemView["state"]): JobItemView =>
      ({ index, state, customerId: "u", subject: "", attempts: 1, actionId: null, result: null, error: null });
    const states = itemStates(["m1", "m3"], [item(0, "succeeded"), item(1, "failed")]);
    expect(states.get("m3")?.state).toBe("failed");
    expect(exportProgress({ total: 4, succeeded: 2, failed: 1, cancelled: 0, unknown: 0 })).toBe("3 of 4 sent, 1 failed");
    expect(exportProgress({ total: 2, succeeded: 0, failed: 0, cancelled: 0, unknown: 0 })).toBe("0 of 2 sent");
  });
});
