// The DNS records table: what a row shows, search and type filter, the form a record type
// needs, and how lint findings attach to rows. Pure functions; the screen only draws them.
import type { DnsRecord, DnsRecordInput, LintFinding, Severity } from "../../bindings";

export const RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS"] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** The type a record read back carries, upper-cased; "?" when CMR sent none. */
export function typeOf(record: Pick<DnsRecord, "recordType">): string {
  return (record.recordType ?? "").toUpperCase() || "?";
}

/** The filter's types: the ones the app writes, then any other type the zone holds (record
 * types are an open set; a record of a type the app does not know is shown, never dropped). */
export function filterTypes(records: Pick<DnsRecord, "recordType">[]): string[] {
  const known: string[] = [...RECORD_TYPES];
  const others = [...new Set(records.map(typeOf))].filter((t) => !known.includes(t)).sort();
  return [...known, ...others];
}

/** A stable key for a row: its id, or its content for records read without one. */
export function recordKey(record: DnsRecord): string {
  return record.recordId ?? `${typeOf(record)}|${record.host}|${record.value}|${record.priority ?? ""}`;
}

export interface RecordFilter {
  query: string;
  /** "" for every type. */
  type: string;
}

/** Records whose host, value or type contain every word of the query, of the chosen type. */
export function filterRecords(records: DnsRecord[], filter: RecordFilter): DnsRecord[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return records.filter((r) => {
    if (filter.type && typeOf(r) !== filter.type) return false;
    if (words.length === 0) return true;
    const text = `${typeOf(r)} ${r.host} ${r.value} ${r.priority ?? ""}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** Which inputs the form shows for a type, and what the value field asks for. */
export interface FormShape {
  priority: boolean;
  /** TXT values can be long: a multi-line box. */
  multiline: boolean;
  valueLabel: string;
  valueHint: string;
  hostHint: string;
}

export function formShape(type: string): FormShape {
  const hostHint = "@ for the domain itself, or a name such as mail or _dmarc.";
  switch (type) {
    case "A":
      return { priority: false, multiline: false, valueLabel: "IPv4 address", valueHint: "For example 192.0.2.10.", hostHint };
    case "AAAA":
      return { priority: false, multiline: false, valueLabel: "IPv6 address", valueHint: "For example 2001:db8::10.", hostHint };
    case "CNAME":
      return {
        priority: false,
        multiline: false,
        valueLabel: "Target host name",
        valueHint: "The name this one points to, e.g. ghs.googlehosted.com. A CNAME must be alone at its name.",
        hostHint: "A name such as www or autodiscover; a CNAME cannot be at @.",
      };
    case "MX":
      return {
        priority: true,
        multiline: false,
        valueLabel: "Mail server host name",
        valueHint: "A host name such as smtp.google.com, never an IP address.",
        hostHint,
      };
    case "TXT":
      return {
        priority: false,
        multiline: true,
        valueLabel: "Text",
        valueHint: "Type the text without quotes; it is split into 255-character strings when published.",
        hostHint,
      };
    case "NS":
      return { priority: false, multiline: false, valueLabel: "Name server", valueHint: "For example ns1.example.net.", hostHint: "A subdomain to delegate." };
    default:
      return { priority: false, multiline: false, valueLabel: "Value", valueHint: "", hostHint };
  }
}

/** Whether a record (or form) is the DMARC record, which gets the DMARC builder. */
export function isDmarc(host: string, type: string): boolean {
  const h = host.trim().toLowerCase();
  return type === "TXT" && (h === "_dmarc" || h.startsWith("_dmarc."));
}

/** The input that recreates a record read back, for the edit form. */
export function toInput(record: DnsRecord): DnsRecordInput {
  const tags = record.excludedDMARCtags ?? [];
  return {
    host: record.host,
    value: record.value,
    recordType: typeOf(record),
    priority: record.priority || null,
    excludedDMARCtags: tags.length ? [...tags] : null,
  };
}

/**
 * The form's fields as the command expects them: no priority outside MX, tags only on DMARC.
 * `excluded` null leaves `excludedDMARCtags` out, so CMR keeps the record's exclusions.
 */
export function formToInput(form: { type: string; host: string; value: string; priority: string; excluded: string[] | null }): DnsRecordInput {
  const dmarc = isDmarc(form.host, form.type);
  return {
    host: form.host.trim(),
    value: form.value,
    recordType: form.type,
    priority: form.type === "MX" ? form.priority.trim() : null,
    excludedDMARCtags: dmarc && form.excluded !== null ? [...form.excluded] : null,
  };
}

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The worst severity among findings, or null when there are none. */
export function worst(findings: LintFinding[]): Severity | null {
  let best: Severity | null = null;
  for (const f of findings) if (best === null || order[f.severity] < order[best]) best = f.severity;
  return best;
}

/**
 * Lint findings per table row: a finding names record ids when the records have them, else
 * only hosts; then every record at that host carries it.
 */
export function findingsByRow(records: DnsRecord[], findings: LintFinding[]): Map<string, LintFinding[]> {
  const rows = new Map<string, LintFinding[]>();
  const attach = (key: string, f: LintFinding) => {
    const list = rows.get(key) ?? [];
    if (!list.includes(f)) list.push(f);
    rows.set(key, list);
  };
  for (const f of findings) {
    if (f.recordIds.length > 0) {
      for (const r of records) if (r.recordId && f.recordIds.includes(r.recordId)) attach(recordKey(r), f);
    } else {
      for (const r of records) if (f.hosts.includes(hostKey(r.host))) attach(recordKey(r), f);
    }
  }
  return rows;
}

/** Findings ordered for the panel: errors, then warnings, then notes. */
export function sortFindings(findings: LintFinding[]): LintFinding[] {
  return [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
}

/** Counts for the panel's heading: "2 errors, 1 warning". */
export function findingCounts(findings: LintFinding[]): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts: string[] = [];
  const e = count("error");
  const w = count("warning");
  const i = count("info");
  if (e) parts.push(`${e} error${e === 1 ? "" : "s"}`);
  if (w) parts.push(`${w} warning${w === 1 ? "" : "s"}`);
  if (i) parts.push(`${i} note${i === 1 ? "" : "s"}`);
  return parts.length ? parts.join(", ") : "No problems found";
}

/** CMR writes hosts relative (`@`, `mail`); a trailing dot or empty host means the apex. */
function hostKey(host: string): string {
  const h = host.trim().toLowerCase().replace(/\.$/, "");
  return h === "" ? "@" : h;
}
