import { describe, expect, it } from "vitest";
import type { Change, DnsRecord, TemplateOutcome } from "../../bindings";
import { addChange, describeChange, diffRows, outcomeState, removeChange, rowState, runProgress, summaryText } from "./pending";

const mx: DnsRecord = { recordId: "r1", recordType: "MX", host: "@", value: "aspmx.l.google.com", priority: "1" } as DnsRecord;
const txt = { host: "@", value: "v=spf1 -all", recordType: "TXT" };

describe("pending changes", () => {
  it("keeps the last edit of a record and every add", () => {
    let c: Change[] = [];
    c = addChange(c, { kind: "add", record: txt });
    c = addChange(c, { kind: "update", recordId: "r1", record: { ...txt, recordType: "MX", value: "smtp.google.com", priority: "1" } });
    c = addChange(c, { kind: "delete", recordId: "r1" });
    c = addChange(c, { kind: "add", record: { ...txt, host: "mail" } });
    expect(c.map((x) => x.kind)).toEqual(["add", "delete", "add"]);
    expect(rowState(c, mx)).toBe("deleted");
    expect(rowState(removeChange(c, 1), mx)).toBeNull();
  });

  it("describes edits in the records' own words", () => {
    expect(describeChange({ kind: "delete", recordId: "r1" }, [mx])).toBe("Delete @ MX aspmx.l.google.com");
    expect(describeChange({ kind: "update", recordId: "r1", record: { host: "@", value: "smtp.google.com", recordType: "MX", priority: "1" } }, [mx])).toBe(
      "Change @ MX aspmx.l.google.com → @ MX 1 smtp.google.com",
    );
    expect(describeChange({ kind: "add", record: txt }, [])).toBe("Add @ TXT v=spf1 -all");
  });
});

describe("plan diff", () => {
  it("renders removed and added lines with signs and words", () => {
    const rows = diffRows([
      { sign: "removed", text: "@ MX 1 aspmx.l.google.com" },
      { sign: "added", text: "@ MX 1 smtp.google.com" },
    ]);
    expect(rows.map((r) => `${r.sign} ${r.text}`)).toEqual(["- @ MX 1 aspmx.l.google.com", "+ @ MX 1 smtp.google.com"]);
    expect(rows.map((r) => r.tone)).toEqual(["removed", "added"]);
    expect(rows[0]!.label).toBe("Removed");
  });

  it("summarises a plan", () => {
    expect(summaryText({ adds: 1, updates: 2, deletes: 0, unchanged: 1 })).toBe("1 to add, 2 to change, 1 already in place");
    expect(summaryText({ adds: 0, updates: 0, deletes: 0, unchanged: 0 })).toBe("Nothing to change");
  });
});

describe("template runs", () => {
  const plan = (n: number) => ({ domain: "a.com", items: Array(n).fill({ kind: "add", description: "x" }), summary: { adds: n, updates: 0, deletes: 0, unchanged: 0 } });
  it("starts each domain from its outcome and counts progress", () => {
    const outcomes: TemplateOutcome[] = [
      { domain: "a.com", plan: plan(2), remainingErrors: [] },
      { domain: "b.com", plan: plan(0), remainingErrors: [] },
      { domain: "c.com", error: "not found", remainingErrors: [] },
    ];
    expect(outcomes.map(outcomeState)).toEqual(["planned", "nothing", "failed"]);
    expect(runProgress(["applied", "nothing", "failed", "planned"])).toBe("2 of 3 domains done, 1 with problems");
    expect(runProgress(["applied"])).toBe("1 of 1 domain done");
    expect(runProgress(["nothing"])).toContain("already in place");
  });
});
