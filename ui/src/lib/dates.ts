// The one date format: the reader's locale, day month year ("1 Jan 2027" or "Jan 1, 2027"),
// with "in 12 days" / "3 days ago" where nearness matters.

const dayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const DAY_MS = 86_400_000;

function parse(date: string | Date | null | undefined): Date | null {
  if (!date) return null;
  const d = date instanceof Date ? date : new Date(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00` : date);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A date as the reader's locale writes it; "—" when there is none. */
export function formatDate(date: string | Date | null | undefined): string {
  const d = parse(date);
  return d ? dayFormat.format(d) : "—";
}

/** "today", "in 12 days", "3 days ago". */
export function fromNow(date: string | Date | null | undefined, now: Date = new Date()): string {
  const d = parse(date);
  if (!d) return "";
  const start = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
  return relative.format(Math.round((start(d) - start(now)) / DAY_MS), "day");
}

/** The ISO day (YYYY-MM-DD) `months` calendar months after `from`. */
export function addMonths(from: Date, months: number): string {
  const d = new Date(from.getFullYear(), from.getMonth() + months, from.getDate());
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", hour: "numeric", minute: "2-digit" });

/** A moment (an action, an audit entry) in the same format, with the time of day. */
export function formatDateTime(date: string | Date | null | undefined): string {
  const d = parse(date);
  return d ? timeFormat.format(d) : "—";
}
