// The customer every account screen works on: chosen once, kept while the app runs, and
// starting from the profile's default customer when it has one.
import type { User } from "../bindings";

export function customerId(user: User): string {
  return user.userId ?? user.id ?? "";
}

export function customerLabel(user: User): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
  const company = user.company ?? "";
  const main = company && name ? `${company} — ${name}` : company || name || user.email || customerId(user);
  return user.email && main !== user.email ? `${main} (${user.email})` : main;
}

class CurrentCustomer {
  id = $state<string | null>(null);
}

export const currentCustomer = new CurrentCustomer();

/** "just now", "2 min ago", "3 h ago" — for "last synced" labels. */
export function ago(iso: string | null, now: Date = new Date()): string {
  if (!iso) return "never";
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 1000));
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}
