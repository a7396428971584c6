// The patterns every page shares, checked on more than one screen: a list still being read
// keeps its shape (a skeleton with what is being read, never a blank page), and the customer
// line names the customer in full with a way to change it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, chooseCustomer, clearFaults, createCustomerAtCmr, launchApp, openArea, press, screenshot, setFaults, waitForText } from "../lib/app.mjs";

let browser;
let fresh;

before(async () => {
  browser = await launchApp();
  // A customer the app has never read: its lists are read from CMR on first open.
  fresh = await createCustomerAtCmr({ email: "ops@skeleton-e2e.com", company: "Skeleton Works", firstName: "Ada", lastName: "Rowe" });
});

after(async () => {
  await clearFaults().catch(() => {});
  await browser?.deleteSession().catch(() => {});
});

test("while a slow CMR is read, Domains and Subscriptions show a skeleton saying what is read, then their empty state", async () => {
  await openArea(browser, "customers");
  await chooseCustomer(browser, fresh);
  await setFaults({ latencyMs: 1500 });
  try {
    await openArea(browser, "domains");
    await press(browser, "tab-manage");
    const loading = await browser.$('[role="status"][aria-busy="true"]');
    await loading.waitForDisplayed({ timeout: 5_000, timeoutMsg: "a skeleton while the domains are read" });
    await waitForText(loading, "Reading domains");
    assert.ok((await loading.$$(".skeleton-rows > span")).length >= 3, "grey rows where the list will be");
    await screenshot(browser, "pattern-skeleton-domains");
    await byTestId(browser, "domains-empty");

    await openArea(browser, "subscriptions");
    const subs = await browser.$('[role="status"][aria-busy="true"]');
    await subs.waitForDisplayed({ timeout: 5_000, timeoutMsg: "a skeleton while the subscriptions are read" });
    await waitForText(subs, "Reading subscriptions");
    await subs.waitForDisplayed({ reverse: true, timeout: 15_000, timeoutMsg: "the list arrives" });
  } finally {
    await clearFaults();
  }
});

test("the customer line names the customer in full on every account screen, and Change opens the switcher", async () => {
  await openArea(browser, "customers");
  await chooseCustomer(browser, fresh);
  for (const area of ["domains", "dns", "mailboxes", "exports", "subscriptions"]) {
    await openArea(browser, area);
    const line = await byTestId(browser, "customer-context");
    await waitForText(line, "Skeleton Works");
    await waitForText(line, "ops@skeleton-e2e.com");
  }
  await press(browser, "customer-change");
  await byTestId(browser, "customer-switcher-popover");
  const search = await byTestId(browser, "customer-switcher-search");
  assert.ok(await search.isFocused(), "the search box has the focus");
  await browser.keys(["Escape"]);
  await browser.$('[data-testid="customer-switcher-popover"]').waitForExist({ reverse: true, timeout: 5_000 });
});
