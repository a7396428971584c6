// The areas of the app. Only areas with a working screen are listed: no dead links.
export type AreaId = "overview" | "customers" | "domains" | "dns" | "mailboxes" | "orders" | "exports" | "subscriptions" | "prewarmup" | "wallet" | "activity" | "settings";

export interface Area {
  id: AreaId;
  label: string;
  /** Alt+key jumps to the area. */
  shortcut: string;
}

export const areas: Area[] = [
  { id: "overview", label: "Overview", shortcut: "v" },
  { id: "customers", label: "Customers", shortcut: "c" },
  { id: "domains", label: "Domains", shortcut: "d" },
  { id: "dns", label: "DNS", shortcut: "n" },
  { id: "mailboxes", label: "Mailboxes", shortcut: "m" },
  { id: "orders", label: "Orders", shortcut: "o" },
  { id: "exports", label: "Exports", shortcut: "e" },
  { id: "subscriptions", label: "Subscriptions", shortcut: "u" },
  { id: "prewarmup", label: "Pre-warmup", shortcut: "p" },
  { id: "wallet", label: "Wallet", shortcut: "w" },
  { id: "activity", label: "Activity", shortcut: "a" },
  { id: "settings", label: "Settings", shortcut: "s" },
];

export function areaFromHash(hash: string): AreaId {
  const id = hash.replace(/^#\/?/, "").split("/")[0];
  return areas.find((a) => a.id === id)?.id ?? areas[0]!.id;
}
