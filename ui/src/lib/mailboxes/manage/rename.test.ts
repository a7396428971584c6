import { describe, expect, it } from "vitest";
import type { Mailbox } from "../../../bindings";
import { changedRows, planRename } from "./rename";

const mb = (id: string, username: string, first: string, last: string, domain = "one.com"): Mailbox => ({
  mailboxId: id,
  username,
  email: `${username}@${domain}`,
  domain,
  firstName: first,
  lastName: last,
  status: "ACTIVE",
});

const all = [mb("a", "ann", "Ann", "Lee"), mb("b", "bob", "Bob", "Ray"), mb("c", "a.lee", "Other", "One")];

describe("planRename", () => {
  it("sets names and skips mailboxes that would not change", () => {
    const plan = planRename(all.slice(0, 2), all, { mode: "names", firstName: "Ann", lastName: "Stone", pattern: "first.last" });
    expect(plan.fields).toEqual({});
    expect(plan.rows[0]!.item).toEqual({ mailboxId: "a", firstName: "Ann", lastName: "Stone" });
    expect(changedRows(plan)).toHaveLength(2);
    const same = planRename([all[0]!], all, { mode: "names", firstName: "Ann", lastName: "", pattern: "first.last" });
    expect(changedRows(same)).toHaveLength(0);
  });
  it("asks for a name and refuses bad characters", () => {
    expect(planRename(all, all, { mode: "names", firstName: " ", lastName: "", pattern: "first.last" }).fields.firstName).toBeDefined();
    const odd = planRename(all, all, { mode: "names", firstName: "A<b>", lastName: "", pattern: "first.last" });
    expect(odd.fields.firstName).toBeUndefined();
    expect(odd.warnings.firstName).toMatch(/characters/);
  });
  it("builds unique usernames per domain by a pattern", () => {
    const plan = planRename(all.slice(0, 2), all, { mode: "usernames", firstName: "", lastName: "", pattern: "f.last" });
    // a.lee is taken by a mailbox that keeps its name.
    expect(plan.rows.map((r) => r.item.userName)).toEqual(["a.lee2", "b.ray"]);
    expect(plan.rows[0]!.after).toBe("a.lee2@one.com");
  });
  it("flags a mailbox with no first name", () => {
    const plan = planRename([mb("x", "x", "", "")], [], { mode: "usernames", firstName: "", lastName: "", pattern: "first" });
    expect(plan.rows[0]!.problem).toMatch(/first name/);
    expect(changedRows(plan)).toHaveLength(0);
  });
});
