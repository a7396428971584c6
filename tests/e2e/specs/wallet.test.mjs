// The Wallet page in the real window: the balance CMR reports, the subscriptions that renew on
// their own within 30 or 45 days across every customer (checked against the Demo sandbox), and
// a low-balance mark that makes a paid dialog warn before paying.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, fill, launchApp, openArea, press, sandboxState, screenshot, setWallet, waitForText } from "../lib/app.mjs";

let browser;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  // The mark is an app setting: leave none behind for other specs sharing this home.
  if (browser) {
    await walletScreen().catch(() => {});
    if (await browser.$('[data-testid="wallet-mark-clear"]').isExisting().catch(() => false)) {
      await press(browser, "wallet-mark-clear").catch(() => {});
    }
  }
  await browser?.deleteSession().catch(() => {});
});

async function walletScreen() {
  await openArea(browser, "wallet");
  await byTestId(browser, "wallet-balance");
}

/** Subscriptions renewing on their own within `days`, as the sandbox holds them. */
async function dueWithin(days) {
  const { subscriptions } = (await sandboxState()).data;
  const until = Date.now() + days * 86_400_000;
  return Object.values(subscriptions).filter((s) => s.auto_renew && ["ACTIVE", "RENEWING"].includes(s.status) && s.period_end >= Date.now() && s.period_end <= until);
}

test("renewals due across every customer are listed against the balance", async () => {
  await setWallet(250_000);
  await walletScreen();
  await waitForText(await byTestId(browser, "wallet-balance"), "$2,500.00");
  const expected = await dueWithin(45);
  const card = await byTestId(browser, "wallet-upcoming");
  await browser.waitUntil(async () => (await card.$$('[data-testid="wallet-due"]')).length === expected.length || (expected.length === 0 && (await card.$('[data-testid="wallet-upcoming-empty"]').isExisting())), {
    timeout: 10_000,
    timeoutMsg: `${expected.length} renewals due in 45 days`,
  });
  for (const s of expected) {
    assert.ok(await card.$(`[data-testid="wallet-due"][data-subscription-id="${s.id}"]`).isExisting(), `${s.domain} is listed`);
  }
  await (await byTestId(browser, "wallet-window")).selectByAttribute("value", "30");
  const within30 = await dueWithin(30);
  await browser.waitUntil(async () => (await card.$$('[data-testid="wallet-due"]')).length === within30.length, { timeout: 5_000, timeoutMsg: "the 30-day window" });
  await screenshot(browser, "wallet");
});

test("a low-balance mark makes a paid dialog warn first; a bad amount is caught on its field", async () => {
  await setWallet(250_000);
  await walletScreen();
  await fill(browser, "#low-balance", "ten dollars");
  await press(browser, "wallet-mark-save");
  await waitForText(await byTestId(browser, "wallet-mark-error"), "Enter an amount");
  assert.equal(await (await browser.$("#low-balance")).getAttribute("aria-invalid"), "true");

  await fill(browser, "#low-balance", "2,499.00");
  await press(browser, "wallet-mark-save");
  await waitForText(await byTestId(browser, "wallet-mark-notice"), "less than $2,499.00");
  await screenshot(browser, "wallet-low-balance-mark");

  // Any purchase now leaves less than the mark: the dialog says so, and Pay stays possible.
  await openArea(browser, "prewarmup");
  const row = await browser.$('[data-testid="prewarm-row"]');
  await row.waitForDisplayed({ timeout: 10_000 });
  await press(browser, await row.$("input"));
  await press(browser, "prewarm-order");
  await waitForText(await byTestId(browser, "charge-warning"), "under your low-balance mark of $2,499.00");
  assert.equal(await (await byTestId(browser, "confirm-ok")).isEnabled(), true, "a warning, not a refusal");
  await screenshot(browser, "wallet-mark-warning");
  await press(browser, "confirm-cancel");

  await walletScreen();
  await press(browser, "wallet-mark-clear");
  await waitForText(await byTestId(browser, "wallet-mark-notice"), "No low-balance mark");
});
