import { describe, expect, it } from "vitest";
import type { DnsRecord, LintFinding } from "../../bindings";
import { filterRecords, filterTypes, findingCounts, findingsByRow, formShape, formToInput, isDmarc, recordKey, sortFindings, toInput, typeOf, worst } from "./records";

const rec = (id: string | null, recordType: string, host: string, value: string, priority: string | null = null): DnsRecord =>
  ({ recordId: id, recordType, host, value, priority, ttl: 3600 }) as DnsRecord;

const zone = [
  rec("r1", "MX", "@", "smtp.google.com", "1"),
  rec("r2", "TXT", "@", "v=spf1 include:_spf.google.com ~all"),
  rec("r3", "TXT", "@", "v=spf1 include:mailgun.org ~all"),
  rec("r4", "TXT", "_dmarc", "v=DMARC1; p=none"),
  rec("r5", "A", "www", "192.0.2.1"),
  rec(null, "CNAME", "www", "ghs.googlehosted.com"),
];

const finding = (severity: LintFinding["severity"], code: string, hosts: string[], recordIds: string[]): LintFinding => ({
  severity,
  code,
  message: code,
  hosts,
  recordIds,
});

describe("records table", () => {
  it("filters by every word and by type", () => {
    expect(filterRecords(zone, { query: "spf mailgun", type: "" }).map((r) => r.recordId)).toEqual(["r3"]);
    expect(filterRecords(zone, { query: "", type: "TXT" })).toHaveLength(3);
    expect(filterRecords(zone, { query: "WWW", type: "A" }).map((r) => r.recordId)).toEqual(["r5"]);
    expect(filterRecords(zone, { query: "nothing-like-this", type: "" })).toHaveLength(0);
  });

  it("keys rows by id, or by content when CMR sent no id", () => {
    expect(recordKey(zone[0]!)).toBe("r1");
    expect(recordKey(zone[5]!)).toBe("CNAME|www|ghs.googlehosted.com|");
  });

  it("shows the fields a type needs", () => {
    expect(formShape("MX").priority).toBe(true);
    expect(formShape("TXT").multiline).toBe(true);
    expect(formShape("CNAME").hostHint).toContain("cannot be at @");
    expect(formShape("A").priority).toBe(false);
    expect(isDmarc("_dmarc", "TXT")).toBe(true);
    expect(isDmarc("_DMARC.mail", "TXT")).toBe(true);
    expect(isDmarc("_dmarc", "CNAME")).toBe(false);
  });

  it("sends a priority only for MX and excluded tags only for DMARC", () => {
    const base = { host: " mail ", value: "192.0.2.1", priority: "10", excluded: ["rua"] };
    expect(formToInput({ ...base, type: "A" })).toEqual({ host: "mail", value: "192.0.2.1", recordType: "A", priority: null, excludedDMARCtags: null });
    expect(formToInput({ ...base, type: "MX" }).priority).toBe("10");
    expect(formToInput({ ...base, host: "_dmarc", type: "TXT" }).excludedDMARCtags).toEqual(["rua"]);
    // Unchanged exclusions are omitted (CMR keeps them); a cleared list is sent as [].
    expect(formToInput({ ...base, excluded: null, host: "_dmarc", type: "TXT" }).excludedDMARCtags).toBeNull();
    expect(formToInput({ ...base, excluded: [], host: "_dmarc", type: "TXT" }).excludedDMARCtags).toEqual([]);
    expect(toInput({ ...zone[0]!, excludedDMARCtags: [] })).toEqual({ host: "@", value: "smtp.google.com", recordType: "MX", priority: "1", excludedDMARCtags: null });
  });
});

describe("lint wiring", () => {
  const findings = [
    finding("warning", "dmarc_policy_none", ["_dmarc"], ["r4"]),
    finding("error", "spf_multiple", ["@"], ["r2", "r3"]),
    finding("error", "cname_coexists", ["www"], []),
  ];

  it("attaches findings to the records they name, or to every record at their host", () => {
    const rows = findingsByRow(zone, findings);
    expect(rows.get("r2")?.map((f) => f.code)).toEqual(["spf_multiple"]);
    expect(rows.get("r3")?.map((f) => f.code)).toEqual(["spf_multiple"]);
    expect(rows.get("r1")).toBeUndefined();
    expect(rows.get("r5")?.map((f) => f.code)).toEqual(["cname_coexists"]);
    expect(rows.get("CNAME|www|ghs.googlehosted.com|")?.map((f) => f.code)).toEqual(["cname_coexists"]);
    expect(worst(rows.get("r4")!)).toBe("warning");
  });

  it("orders the panel errors first and counts by severity", () => {
    expect(sortFindings(findings).map((f) => f.severity)).toEqual(["error", "error", "warning"]);
    expect(findingCounts(findings)).toBe("2 errors, 1 warning");
    expect(findingCounts([])).toBe("No problems found");
    expect(worst([])).toBeNull();
  });
});

describe("record types are an open set", () => {
  it("shows and filters a type the app does not know", () => {
    const caa = { recordId: "r9", host: "@", value: '0 issue "letsencrypt.org"', recordType: "CAA", excludedDMARCtags: [] } as unknown as DnsRecord;
    expect(filterTypes([caa])).toEqual(["A", "AAAA", "CNAME", "MX", "TXT", "NS", "CAA"]);
    expect(filterRecords([caa], { query: "letsencrypt", type: "CAA" })).toEqual([caa]);
    expect(typeOf(caa)).toBe("CAA");
  });
});
