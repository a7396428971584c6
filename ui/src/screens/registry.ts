// Which screen each area shows. An area appears in the sidebar only once it has a screen here.
// Each screen's code is loaded the first time its area opens: the window starts with the code
// of the screen it opens on, so there is less to parse before the first screen and less held
// in memory for areas a session never visits.
import type { Component } from "svelte";
import type { AreaId } from "../lib/nav";

type Loader = () => Promise<{ default: Component }>;

export const screens: Record<AreaId, Loader> = {
  overview: () => import("./overview/OverviewScreen.svelte"),
  customers: () => import("./customers/CustomersScreen.svelte"),
  domains: () => import("./domains/DomainsScreen.svelte"),
  mailboxes: () => import("./mailboxes/MailboxesScreen.svelte"),
  orders: () => import("./orders/OrdersScreen.svelte"),
  dns: () => import("./dns/DnsScreen.svelte"),
  exports: () => import("./exports/ExportsScreen.svelte"),
  subscriptions: () => import("./subscriptions/SubscriptionsScreen.svelte"),
  prewarmup: () => import("./prewarmup/PrewarmupScreen.svelte"),
  wallet: () => import("./wallet/WalletScreen.svelte"),
  activity: () => import("./activity/ActivityScreen.svelte"),
  settings: () => import("./settings/ProfilesScreen.svelte"),
};

const loading = new Map<AreaId, Promise<Component>>();
const ready = new Map<AreaId, Component>();

/** The area's screen once loaded, or undefined while it is not. */
export function loadedScreen(area: AreaId): Component | undefined {
  return ready.get(area);
}

/** Loads the area's screen (once; a failed load is tried again on the next call). */
export function loadScreen(area: AreaId): Promise<Component> {
  let p = loading.get(area);
  if (!p) {
    p = screens[area]().then(
      (m) => {
        ready.set(area, m.default);
        return m.default;
      },
      (e) => {
        loading.delete(area);
        throw e;
      },
    );
    loading.set(area, p);
  }
  return p;
}
