// Subscriptions in the real window: auto-renew, a paid renewal behind a confirmation that names
// the cost, a recreation (offered only where CMR accepts it: an ACTIVE subscription) and a
// cancellation — each checked in the Demo sandbox's state.
// (A past-due subscription whose domain has lapsed cannot renew; CMR reports that by webhook.)
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, chooseCustomer, launchApp, openArea, press, sandboxState, screenshot, setWallet, waitForText } from "../lib/app.mjs";

let browser;
/** The demo customer with a PAST_DUE subscription (beside ACTIVE ones): every test works on it. */
let customer;

before(async () => {
  browser = await launchApp();
  const data = (await sandboxState()).data;
  customer = Object.values(data.subscriptions).find((s) => s.status === "PAST_DUE").user_id;
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

async function subs() {
  const data = (await sandboxState()).data;
  return Object.values(data.subscriptions).filter((s) => s.user_id === customer);
}

async function row(domain) {
  const el = await browser.$(`[data-testid="subscription-row"][data-domain="${domain}"]`);
  await el.waitForDisplayed({ timeout: 10_000 });
  return el;
}

async function until(check, message) {
  await browser.waitUntil(check, { timeout: 15_000, interval: 250, timeoutMsg: message });
}

/** Subscriptions afresh, on the customer, its list shown. */
async function subscriptionsScreen() {
  await openArea(browser, "subscriptions");
  await chooseCustomer(browser, customer);
  await byTestId(browser, "subscription-row");
}

test("a customer's subscriptions are listed with their states", async () => {
  await subscriptionsScreen();
  const expected = (await subs()).length;
  await until(async () => (await browser.$$('[data-testid="subscription-row"]')).length === expected, "one row per subscription");
  await screenshot(browser, "subscriptions");
});

test("auto-renew is switched at CMR", async () => {
  await subscriptionsScreen();
  const sub = (await subs()).find((s) => s.status === "ACTIVE");
  const toggle = await (await row(sub.domain)).$('[data-testid="toggle-auto-renew"]');
  await press(browser, toggle);
  await waitForText(await byTestId(browser, "notice"), `for ${sub.domain}`);
  await until(async () => (await subs()).find((s) => s.id === sub.id).auto_renew === !sub.auto_renew, "auto-renew flipped");
});

test("renewing shows the cost first, then the wallet pays for one more period", async () => {
  await subscriptionsScreen();
  const sub = (await subs()).find((s) => s.status === "ACTIVE");
  // A wallet that cannot cover it: the priced summary says so, with what to do, and Pay waits.
  await setWallet(100);
  await press(browser, await (await row(sub.domain)).$('[data-testid="renew"]'));
  let dialog = await byTestId(browser, "confirm-dialog");
  await waitForText(await byTestId(browser, "charge-block"), "short of this total");
  await waitForText(await byTestId(browser, "charge-block"), "Top up the wallet");
  assert.equal(await (await byTestId(browser, "confirm-ok")).isEnabled(), false, "Pay waits while the wallet is short");
  await screenshot(browser, "subscriptions-renew-short");
  await press(browser, "confirm-cancel");
  await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });

  await setWallet(500_000);
  await press(browser, await (await row(sub.domain)).$('[data-testid="renew"]'));
  dialog = await byTestId(browser, "confirm-dialog");
  await waitForText(dialog, "paid from the wallet now");
  await waitForText(await byTestId(browser, "charge-wallet"), "$5,000.00 →");
  const total = Math.round(Number((await (await byTestId(browser, "charge-total")).getText()).replace(/[$,]/g, "")) * 100);
  assert.ok(total > 0, "the renewal is priced");
  if (sub.auto_renew) await waitForText(await byTestId(browser, "charge-recurring"), "/month from");
  await screenshot(browser, "subscriptions-confirm-renew");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), "Renewal sent");
  await until(async () => {
    const now = (await subs()).find((s) => s.id === sub.id);
    return now.status === "ACTIVE" && now.period_end > sub.period_end;
  }, "renewed for one more period");
  const { walletBalanceCents } = (await sandboxState()).data;
  assert.equal(walletBalanceCents, 500_000 - total, "the wallet paid exactly the total shown");
});

test("recreate is offered only for ACTIVE subscriptions, and issues a new one at CMR", async () => {
  await subscriptionsScreen();
  const all = await subs();
  // Every row that is not ACTIVE goes without the button: CMR refuses those.
  for (const other of all.filter((s) => s.status !== "ACTIVE")) {
    const buttons = await (await row(other.domain)).$$('[data-testid="recreate"]');
    assert.equal(buttons.length, 0, `${other.status} ${other.domain} offers no recreate`);
  }
  const active = all.filter((s) => s.status === "ACTIVE");
  assert.ok(active.length >= 2, "the demo customer has two ACTIVE subscriptions: one to recreate, one to cancel");
  const sub = active[active.length - 1];
  await press(browser, await (await row(sub.domain)).$('[data-testid="recreate"]'));
  await waitForText(await byTestId(browser, "confirm-dialog"), "is cancelled and a new one starts");
  await screenshot(browser, "subscriptions-confirm-recreate");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), "Recreation sent");
  await until(async () => {
    const now = await subs();
    return !now.some((s) => s.id === sub.id) && now.some((s) => s.domain === sub.domain && s.id !== sub.id);
  }, "the old subscription id is gone and a new one serves the domain");
  await (await row(sub.domain)).waitForDisplayed();
});

test("cancelling asks first and deletes the workspace at CMR", async () => {
  await subscriptionsScreen();
  const sub = (await subs()).find((s) => s.status === "ACTIVE");
  await press(browser, await (await row(sub.domain)).$('[data-testid="cancel"]'));
  await waitForText(await byTestId(browser, "confirm-dialog"), "cannot be undone");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), "Cancellation sent");
  await until(async () => (await subs()).find((s) => s.id === sub.id).status === "CANCELLED", "cancelled");
  await screenshot(browser, "subscriptions-after-cancel");
});
