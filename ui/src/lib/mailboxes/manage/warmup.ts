// Warmup: which action fits which mailbox, and the settings form with its ranges checked
// before anything is sent (CMR's own limits are wider; these keep a reseller in sane values).
import type { Mailbox, WarmupSettings } from "../../../bindings";
import { statusOf, warmupOf } from "../selection";

export type WarmupAction = "enable" | "pause" | "resume" | "remove" | "settings";

export function warmupAllowed(m: Mailbox, action: WarmupAction): boolean {
  const w = warmupOf(m);
  switch (action) {
    case "enable":
      return statusOf(m) === "ACTIVE" && (w === "NONE" || w === "STOPPED");
    case "pause":
      return w === "ACTIVE";
    case "resume":
      return w === "PAUSED";
    case "remove":
    case "settings":
      return w === "PENDING" || w === "ACTIVE" || w === "PAUSED";
  }
}

export interface SettingSpec {
  key: keyof WarmupSettings;
  label: string;
  min: number;
  max: number;
  /** Rates are typed as percentages and sent as fractions. */
  percent?: boolean;
  unit?: string;
}

export const numericSettings: SettingSpec[] = [
  { key: "warmupLimit", label: "Daily warmup emails (limit)", min: 1, max: 200 },
  { key: "minimumWarmupLimit", label: "Daily warmup emails to start with", min: 1, max: 200 },
  { key: "increasePerDay", label: "Increase per day", min: 0, max: 50 },
  { key: "warmupReplyRate", label: "Reply rate", min: 0, max: 100, percent: true, unit: "%" },
  { key: "warmupOpenRate", label: "Open rate", min: 0, max: 100, percent: true, unit: "%" },
  { key: "warmupSpamProtectionRate", label: "Spam protection rate", min: 0, max: 100, percent: true, unit: "%" },
  { key: "minimumDelayBetweenWarmupEmails", label: "Shortest delay between emails", min: 0, max: 3600, unit: "s" },
  { key: "maximumDelayBetweenWarmupEmails", label: "Longest delay between emails", min: 0, max: 3600, unit: "s" },
];

/** The form as typed: numbers as text so an empty field means "leave as is". */
export type SettingsForm = Record<string, string> & { warmupOnWeekdays: string; warmupDisableSlow: string };

export function defaultForm(): SettingsForm {
  return {
    warmupLimit: "40",
    minimumWarmupLimit: "5",
    increasePerDay: "2",
    warmupReplyRate: "30",
    warmupOpenRate: "80",
    warmupSpamProtectionRate: "20",
    minimumDelayBetweenWarmupEmails: "60",
    maximumDelayBetweenWarmupEmails: "300",
    warmupOnWeekdays: "yes",
    warmupDisableSlow: "no",
  };
}

export function validateSettings(form: SettingsForm): { settings: WarmupSettings | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const settings: WarmupSettings = {};
  const values: Partial<Record<string, number>> = {};
  for (const spec of numericSettings) {
    const raw = (form[spec.key] ?? "").trim();
    if (raw === "") continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      errors[spec.key] = "Enter a number.";
      continue;
    }
    if (!spec.percent && !Number.isInteger(n)) {
      errors[spec.key] = "Enter a whole number.";
      continue;
    }
    if (n < spec.min || n > spec.max) {
      errors[spec.key] = `Enter a value from ${spec.min} to ${spec.max}${spec.unit === "%" ? " %" : spec.unit ? ` ${spec.unit}` : ""}.`;
      continue;
    }
    values[spec.key] = n;
    // Fractions with two decimals at most: 30 % → 0.3.
    (settings as Record<string, number>)[spec.key] = spec.percent ? Math.round(n * 100) / 10000 : n;
  }
  const { warmupLimit: lim, minimumWarmupLimit: minLim } = values;
  if (lim !== undefined && minLim !== undefined && minLim > lim) {
    errors.minimumWarmupLimit = "The starting volume cannot exceed the daily limit.";
  }
  const { minimumDelayBetweenWarmupEmails: dMin, maximumDelayBetweenWarmupEmails: dMax } = values;
  if (dMin !== undefined && dMax !== undefined && dMin > dMax) {
    errors.minimumDelayBetweenWarmupEmails = "The shortest delay cannot exceed the longest.";
  }
  settings.warmupOnWeekdays = form.warmupOnWeekdays === "yes";
  settings.warmupDisableSlow = form.warmupDisableSlow === "yes";
  return Object.keys(errors).length ? { settings: null, errors } : { settings, errors };
}
