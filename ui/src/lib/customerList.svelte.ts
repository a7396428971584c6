// The account's customers, read once for the whole window: the sidebar's switcher and every
// screen's customer line show the same list, from the local cache at once and from CMR on
// Refresh. Choosing the customer a screen starts on: the one already chosen, else the active
// profile's default customer, else the first.
import { commands, events, type User } from "../bindings";
import { currentCustomer, customerId } from "./customers.svelte";
import { call } from "./errors";
import { onEvent } from "./events";
import { Task } from "./task.svelte";
import { watchCache } from "./cachedList.svelte";

class CustomerList {
  rows = $state<User[]>([]);
  syncedAt = $state<string | null>(null);
  /** The list has been read at least once (an empty account is not "still loading"). */
  loaded = $state(false);
  readonly task = new Task();

  byId(id: string | null): User | undefined {
    return id === null ? undefined : this.rows.find((c) => customerId(c) === id);
  }

  async load(refresh = false): Promise<void> {
    const cached = await this.task.run(() => call(commands.cachedCustomers(refresh)));
    if (!cached) return;
    this.rows = cached.data;
    this.syncedAt = cached.syncedAt;
    this.loaded = true;
    const ids = this.rows.map(customerId);
    if (currentCustomer.id !== null && ids.includes(currentCustomer.id)) return;
    const profiles = await this.task.run(() => call(commands.listProfiles()));
    const preferred = profiles?.find((p) => p.active)?.defaultCustomerId;
    currentCustomer.id = preferred && ids.includes(preferred) ? preferred : (ids[0] ?? null);
  }
}

export const customerList = new CustomerList();

let following = false;

/** Reads the list and follows profile switches and cache changes; once per window. */
export function followCustomers(): void {
  if (following) return;
  following = true;
  customerList.load(false);
  onEvent(
    events.profilesChanged.listen(() => {
      currentCustomer.id = null;
      customerList.load(false);
    }),
  );
  watchCache(["customers"], () => null, (change) => {
    if (!change.stale) customerList.load(false);
  });
}

/** Words a customer is found by: company, names, e-mail and id. */
export function customerWords(c: User): string {
  return [c.company, c.firstName, c.lastName, c.email, customerId(c)].filter(Boolean).join(" ").toLowerCase();
}

/** Customers matching every word of `query`, in the list's order. */
export function matchCustomers(rows: User[], query: string): User[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((c) => {
    const text = customerWords(c);
    return words.every((w) => text.includes(w));
  });
}
