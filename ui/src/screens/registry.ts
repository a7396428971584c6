// Which screen each area shows. An area appears in the sidebar only once it has a screen here.
import type { Component } from "svelte";
import type { AreaId } from "../lib/nav";
import ActivityScreen from "./activity/ActivityScreen.svelte";
import CustomersScreen from "./customers/CustomersScreen.svelte";
import DnsScreen from "./dns/DnsScreen.svelte";
import DomainsScreen from "./domains/DomainsScreen.svelte";
import MailboxesScreen from "./mailboxes/MailboxesScreen.svelte";
import ExportsScreen from "./exports/ExportsScreen.svelte";
import OrdersScreen from "./orders/OrdersScreen.svelte";
import OverviewScreen from "./overview/OverviewScreen.svelte";
import PrewarmupScreen from "./prewarmup/PrewarmupScreen.svelte";
import ProfilesScreen from "./settings/ProfilesScreen.svelte";
import SubscriptionsScreen from "./subscriptions/SubscriptionsScreen.svelte";
import WalletScreen from "./wallet/WalletScreen.svelte";

export const screens: Record<AreaId, Component> = {
  overview: OverviewScreen,
  customers: CustomersScreen,
  domains: DomainsScreen,
  mailboxes: MailboxesScreen,
  orders: OrdersScreen,
  dns: DnsScreen,
  exports: ExportsScreen,
  subscriptions: SubscriptionsScreen,
  prewarmup: PrewarmupScreen,
  wallet: WalletScreen,
  activity: ActivityScreen,
  settings: ProfilesScreen,
};
