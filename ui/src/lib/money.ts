import type { Recurring } from "../bindings";
import { addMonths } from "./dates";

// Money in the UI: whole cents, never floating-point sums. CMR sends amounts as JSON numbers
// (8) or decimal strings ("14.50"); both become cents exactly.
//
// `toCents` is a line-for-line port of the app's one money rule, `cmr_core::rules::cents_of`
// (Money::parse + Money::to_cents in cmr-client): digits with an optional sign and fraction,
// rounded half away from zero past the second decimal. It lives here too only because prices
// are computed as a person types; its test reads the expected answers that the Rust rule
// writes to rules.vectors.json, so the two cannot drift apart.

export function toCents(amount: number | string | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  // String(n), not n.toFixed(2): toFixed rounds the binary value (1.005 → "1.00").
  const text = (typeof amount === "number" ? String(amount) : amount).trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const frac = m[3] ?? "";
  let cents = Number(m[2]) * 100 + Number(frac.slice(0, 2).padEnd(2, "0"));
  if (Number(frac.charAt(2) || "0") >= 5) cents += 1;
  return m[1] && cents !== 0 ? -cents : cents;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}

export interface CostLine {
  label: string;
  quantity: number;
  unitCents: number;
  totalCents: number;
  /** Charged again: every month from a month on, or every year once `years` have passed. */
  recurs?: { every: "month" } | { every: "year"; years: number };
}

export function costLine(label: string, quantity: number, unitCents: number, recurs?: CostLine["recurs"]): CostLine {
  return { label, quantity, unitCents, totalCents: quantity * unitCents, ...(recurs ? { recurs } : {}) };
}

export function totalOf(lines: CostLine[]): number {
  return lines.reduce((sum, l) => sum + l.totalCents, 0);
}

/** What the wallet would hold after paying `totalCents`; negative means it cannot pay. */
export function balanceAfter(walletCents: number, totalCents: number): number {
  return walletCents - totalCents;
}

/** What the lines charge again later, for a priced summary: monthly lines together from next
 *  month, and each yearly line's renewal once its years have passed (an estimate: CMR's
 *  renewal price may differ from the first one). */
export function recurringOf(lines: CostLine[], now: Date = new Date()): Recurring[] {
  const out: Recurring[] = [];
  const monthly = lines.filter((l) => l.recurs?.every === "month").reduce((sum, l) => sum + l.totalCents, 0);
  if (monthly > 0) out.push({ cents: monthly, every: "month", from: addMonths(now, 1), estimate: lines.some((l) => l.recurs?.every === "month" && /estimate/i.test(l.label)) });
  const byYears = new Map<number, number>();
  for (const l of lines) if (l.recurs?.every === "year") byYears.set(l.recurs.years, (byYears.get(l.recurs.years) ?? 0) + l.unitCents);
  for (const [years, cents] of [...byYears].sort((a, b) => a[0] - b[0])) out.push({ cents, every: "year", from: addMonths(now, 12 * years), estimate: true });
  return out;
}

/** Cost lines as a priced summary's lines (components/ChargeSummary). */
export function chargeLines(lines: CostLine[], estimate = false): { label: string; quantity: number; unitCents: number; estimate: boolean }[] {
  return lines.map((l) => ({ label: l.label, quantity: l.quantity, unitCents: l.unitCents, estimate }));
}
