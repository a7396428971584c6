// The Manage list's words for statuses and warmup states. The filtering itself runs in SQL
// over the row cache (commands.cachedMailboxPage), so 50,000 mailboxes never cross into the
// window; the selection lives in ../selection.

export const statusWords: Record<string, string> = {
  IN_PROGRESS: "Being created",
  CREATING_PASSWORD: "Setting password",
  ACTIVE: "Active",
  EXPIRED: "Expired",
};

export const warmupWords: Record<string, string> = {
  NONE: "No warmup",
  PENDING: "Warmup starting",
  ACTIVE: "Warming up",
  PAUSED: "Warmup paused",
  STOPPED: "Warmup removed",
};
