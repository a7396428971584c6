// Inbox-placement tests: who can be tested (ACTIVE mailboxes only) and a short summary of a
// report ("Gmail 3/4 inbox · Microsoft 4/4 inbox · SpamAssassin 1.2/5"). CMR's report shape is
// loosely documented, so every field is read defensively.
import type { Mailbox, PlacementMailboxReport, Value } from "../../../bindings";
import { statusOf } from "../selection";

/** Not documented by CMR: the per-mailbox price of a test, shown as an estimate only. */
export const PLACEMENT_ESTIMATE_CENTS = 50;
/** Not documented either: what AI insight adds to a test. */
export const PLACEMENT_AI_ESTIMATE_CENTS = 200;

export function placementTestable(m: Mailbox): boolean {
  return statusOf(m) === "ACTIVE";
}

export function placementEstimateCents(count: number, aiInsight: boolean): number {
  return count * PLACEMENT_ESTIMATE_CENTS + (aiInsight ? PLACEMENT_AI_ESTIMATE_CENTS : 0);
}

type Obj = { [key: string]: Value };
const obj = (v: Value | null | undefined): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);

function seedLine(label: string, seeds: Value | undefined): string | null {
  if (!Array.isArray(seeds) || seeds.length === 0) return null;
  const inbox = seeds.filter((s) => String(obj(s)?.folder ?? "").toUpperCase() === "INBOX").length;
  return `${label} ${inbox}/${seeds.length} inbox`;
}

export function reportSummary(r: PlacementMailboxReport): string {
  const report = obj(r.report);
  if (!report || Object.keys(report).length === 0) return (r.status ?? "").toUpperCase() === "PENDING" ? "Running…" : "No results yet";
  const inbox = obj(report.inboxTest);
  const parts = [seedLine("Gmail", inbox?.google), seedLine("Microsoft", inbox?.microsoft365)];
  const spam = obj(report.spamassassin);
  if (spam && typeof spam.score === "number") parts.push(`SpamAssassin ${spam.score}${typeof spam.threshold === "number" ? `/${spam.threshold}` : ""}`);
  const black = obj(report.blacklist);
  if (black && typeof black.listed === "boolean") parts.push(black.listed ? "on a blacklist" : "no blacklist");
  return parts.filter(Boolean).join(" · ") || "Results received";
}
