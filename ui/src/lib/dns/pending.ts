// Edits gathered in the editor before anything is sent, and the plan's diff as the review
// dialog draws it. Pure functions; the backend turns the changes into the plan.
import type { Change, DiffLine, DnsRecord, DnsRecordInput, PlanSummary, TemplateOutcome } from "../../bindings";

export type RowState = "deleted" | "edited" | null;

/** Adds an edit, replacing an earlier edit of the same record (the last one wins). */
export function addChange(changes: Change[], change: Change): Change[] {
  if (change.kind === "add") return [...changes, change];
  const rest = changes.filter((c) => c.kind === "add" || c.recordId !== change.recordId);
  return [...rest, change];
}

export function removeChange(changes: Change[], index: number): Change[] {
  return changes.filter((_, i) => i !== index);
}

/** How a table row is marked while edits are pending. */
export function rowState(changes: Change[], record: DnsRecord): RowState {
  const c = changes.find((c) => c.kind !== "add" && c.recordId === record.recordId);
  if (!c) return null;
  return c.kind === "delete" ? "deleted" : "edited";
}

function describeInput(r: DnsRecordInput): string {
  const priority = r.recordType === "MX" && r.priority ? ` ${r.priority}` : "";
  return `${r.host} ${r.recordType}${priority} ${r.value}`;
}

/** One line per pending edit, for the list under the table. */
export function describeChange(change: Change, records: DnsRecord[]): string {
  if (change.kind === "add") return `Add ${describeInput(change.record)}`;
  const before = records.find((r) => r.recordId === change.recordId);
  const was = before ? `${before.host} ${(before.recordType ?? "").toUpperCase()} ${before.value}` : change.recordId;
  return change.kind === "delete" ? `Delete ${was}` : `Change ${was} → ${describeInput(change.record)}`;
}

export interface DiffRow {
  sign: "-" | "+";
  text: string;
  /** CSS class of the line. */
  tone: "removed" | "added";
  label: string;
}

/** The diff as rows: "-" for what goes away, "+" for what comes, with words for screen readers. */
export function diffRows(diff: DiffLine[]): DiffRow[] {
  return diff.map((l) =>
    l.sign === "removed"
      ? { sign: "-", text: l.text, tone: "removed", label: "Removed" }
      : { sign: "+", text: l.text, tone: "added", label: "Added" },
  );
}

/** "1 to add, 2 to change, 1 to delete" (and what was already there). */
export function summaryText(s: PlanSummary): string {
  const parts: string[] = [];
  if (s.adds) parts.push(`${s.adds} to add`);
  if (s.updates) parts.push(`${s.updates} to change`);
  if (s.deletes) parts.push(`${s.deletes} to delete`);
  if (parts.length === 0) parts.push("Nothing to change");
  if (s.unchanged) parts.push(`${s.unchanged} already in place`);
  return parts.join(", ");
}

export type DomainRun = "planned" | "nothing" | "failed" | "applying" | "applied" | "mismatch";

/** The state a template outcome starts in, before anything is sent. */
export function outcomeState(o: TemplateOutcome): DomainRun {
  if (o.error || !o.plan) return "failed";
  return o.plan.items.length === 0 ? "nothing" : "planned";
}

/** Progress over many domains: "3 of 5 domains done, 1 failed". */
export function runProgress(states: DomainRun[]): string {
  const work = states.filter((s) => s !== "nothing");
  if (work.length === 0) return "The template is already in place on every domain chosen.";
  const done = work.filter((s) => s === "applied" || s === "mismatch" || s === "failed").length;
  const failed = work.filter((s) => s === "failed" || s === "mismatch").length;
  return `${done} of ${work.length} domain${work.length === 1 ? "" : "s"} done${failed ? `, ${failed} with problems` : ""}`;
}
