import { describe, expect, it } from "vitest";
import type { Mailbox } from "../../bindings";
import { allShownSelected, domainsOf, selectedMailboxes, toggleAllShown, toggleOne, warmupOf } from "./selection";

const mb = (id: string, domain: string, status: string, extra: Partial<Mailbox> = {}): Mailbox => ({
  mailboxId: id,
  username: id,
  email: `${id}@${domain}`,
  domain,
  status,
  firstName: "Ann",
  lastName: "Lee",
  ...extra,
});

const list = [
  mb("a", "one.com", "ACTIVE", { warmupStatus: "ACTIVE" }),
  mb("b", "one.com", "IN_PROGRESS"),
  mb("c", "two.com", "ACTIVE", { firstName: "Zed", warmupStatus: "PAUSED" }),
  mb("d", "two.com", "EXPIRED"),
];

describe("selection", () => {
  it("selects all shown, then unselects them", () => {
    const shown = list.slice(0, 2);
    const once = toggleAllShown(new Set(["d"]), shown);
    expect([...once].sort()).toEqual(["a", "b", "d"]);
    expect(allShownSelected(once, shown)).toBe(true);
    expect([...toggleAllShown(once, shown)]).toEqual(["d"]);
    expect(allShownSelected(new Set(), [])).toBe(false);
  });
  it("toggles one and keeps list order for the chosen", () => {
    const s = toggleOne(toggleOne(new Set(), "c"), "a");
    expect(selectedMailboxes(list, s).map((m) => m.mailboxId)).toEqual(["a", "c"]);
    expect(toggleOne(s, "a").has("a")).toBe(false);
  });
  it("lists domains and warmup states", () => {
    expect(domainsOf(list)).toEqual(["one.com", "two.com"]);
    expect(warmupOf(list[1]!)).toBe("NONE");
  });
});
