// Which screen each area shows. An area appears in the sidebar only once it has a screen here.
import type { Component } from "svelte";
import type { AreaId } from "../lib/nav";
import DomainPurchaseScreen from "./domains/DomainPurchaseScreen.svelte";
import MailboxOrderScreen from "./mailboxes/MailboxOrderScreen.svelte";
import ProfilesScreen from "./settings/ProfilesScreen.svelte";

export const screens: Record<AreaId, Component> = {
  domains: DomainPurchaseScreen,
  mailboxes: MailboxOrderScreen,
  settings: ProfilesScreen,
};
