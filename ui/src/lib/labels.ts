// Human labels for CMR's wire words: providers and statuses read as people say them, never
// as GOOGLE or PAST_DUE. Platforms have theirs in lib/exports/platforms.
const PROVIDERS: Record<string, string> = { GOOGLE: "Google Workspace", MICROSOFT: "Microsoft 365" };

export function providerLabel(provider: string | null | undefined): string {
  if (!provider) return "—";
  return PROVIDERS[provider.toUpperCase()] ?? provider;
}

/** A status word as a sentence-case phrase: PAST_DUE → "Past due". */
export function statusLabel(status: string | null | undefined): string {
  if (!status) return "Unknown";
  const words = status.replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
