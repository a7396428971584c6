// Money in the UI: whole cents, never floating-point sums. CMR sends amounts as JSON numbers
// (8) or decimal strings ("14.50"); both become cents exactly.

export function toCents(amount: number | string | null | undefined): number | null {
  if (amount === null || amount === undefined) return null;
  const text = typeof amount === "number" ? amount.toFixed(2) : amount.trim();
  const m = /^(-)?(\d+)(?:\.(\d{1,2})\d*)?$/.exec(text);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
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
}

export function costLine(label: string, quantity: number, unitCents: number): CostLine {
  return { label, quantity, unitCents, totalCents: quantity * unitCents };
}

export function totalOf(lines: CostLine[]): number {
  return lines.reduce((sum, l) => sum + l.totalCents, 0);
}

/** What the wallet would hold after paying `totalCents`; negative means it cannot pay. */
export function balanceAfter(walletCents: number, totalCents: number): number {
  return walletCents - totalCents;
}
