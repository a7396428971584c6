import { describe, expect, it } from "vitest";
import type { Mailbox } from "../../../bindings";
import { periodEnds, planRemoval, removalCheck, removalProblem } from "./removal";

const now = Date.parse("2026-05-10T12:00:00Z");
const mb = (id: string, domain: string, status = "ACTIVE"): Mailbox => ({ mailboxId: id, email: `${id}@${domain}`, domain, status });
const ends = periodEnds([
  { domain: "soon.com", periodEnd: "2026-05-11T06:00:00Z" },
  { domain: "later.com", periodEnd: "2026-05-01T00:00:00Z" },
  { domain: "later.com", periodEnd: "2026-06-01T00:00:00Z" },
]);

describe("removalProblem", () => {
  it("refuses within 24 hours of the period end", () => {
    expect(removalProblem(mb("a", "soon.com"), ends, now)).toMatch(/24 hours/);
  });
  it("says when the period already ended", () => {
    expect(removalProblem(mb("a", "past.com"), periodEnds([{ domain: "past.com", periodEnd: "2026-05-09T00:00:00Z" }]), now)).toMatch(/ended .* 24 hours/);
  });
  it("uses the latest period end of a domain", () => {
    expect(removalProblem(mb("a", "later.com"), ends, now)).toBeNull();
  });
  it("only warns about mailboxes still being created (an assumed rule)", () => {
    expect(removalProblem(mb("a", "later.com", "IN_PROGRESS"), ends, now)).toBeNull();
    expect(removalCheck(mb("a", "later.com", "IN_PROGRESS"), ends, now)).toEqual({ source: "assumed", message: "it is still being created" });
    expect(removalCheck(mb("a", "soon.com"), ends, now)?.source).toBe("docs");
  });
  it("lets expired mailboxes go", () => {
    expect(removalProblem(mb("a", "soon.com", "EXPIRED"), ends, now)).toBeNull();
  });
});

describe("planRemoval", () => {
  it("splits allowed from refused and names domains left empty", () => {
    const all = [mb("a", "later.com"), mb("b", "later.com"), mb("c", "soon.com"), mb("d", "x.com", "EXPIRED")];
    const plan = planRemoval([all[0]!, all[2]!, all[3]!], all, ends, now);
    expect(plan.allowed.map((m) => m.mailboxId)).toEqual(["a", "d"]);
    expect(plan.refused.map((r) => r.mailbox.mailboxId)).toEqual(["c"]);
    expect(plan.emptiedDomains).toEqual(["x.com"]);
    const creating = mb("e", "later.com", "IN_PROGRESS");
    const warnedPlan = planRemoval([creating], [...all, creating], ends, now);
    expect(warnedPlan.allowed.map((m) => m.mailboxId)).toEqual(["e"]);
    expect(warnedPlan.warned.map((w) => w.mailbox.mailboxId)).toEqual(["e"]);
  });
});
