// Pre-warmed inboxes in the real window: a purchase refused for lack of funds, then one paid
// after a confirmation that shows the total — checked in the Demo sandbox's orders and wallet.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, launchApp, openArea, press, sandboxState, screenshot, setWallet, waitForText } from "../lib/app.mjs";

let browser;
/** The domain the test ticked (the first one offered). */
let domain;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** Pre-warmup afresh: the inventory listed and a customer chosen, nothing ticked. */
async function prewarmScreen() {
  await openArea(browser, "prewarmup");
  await byTestId(browser, "prewarm-table");
  const picker = await byTestId(browser, "customer-picker");
  await browser.waitUntil(async () => (await picker.getValue()) !== "", { timeout: 10_000 });
}

async function pick() {
  const row = await browser.$('[data-testid="prewarm-row"]');
  await row.waitForDisplayed({ timeout: 10_000 });
  domain = await row.getAttribute("data-domain");
  await press(browser, await row.$('input[type="checkbox"]'));
  await waitForText(await byTestId(browser, "prewarm-total"), "$");
}

test("the inventory lists pre-warmed domains with prices", async () => {
  await prewarmScreen();
  await screenshot(browser, "prewarmup");
});

test("too little in the wallet: Pay waits with the shortfall and what to do, and nothing is bought", async () => {
  await setWallet(0);
  await prewarmScreen();
  await pick();
  await press(browser, "prewarm-order");
  const block = await byTestId(browser, "charge-block");
  await waitForText(block, "The wallet is $");
  await waitForText(block, "Top up the wallet");
  await waitForText(await byTestId(browser, "charge-wallet"), "$0.00 →");
  assert.equal(await (await byTestId(browser, "confirm-ok")).isEnabled(), false, "Pay is disabled while the wallet is short");
  await screenshot(browser, "prewarmup-insufficient-wallet");
  await press(browser, "confirm-cancel");
  const { orders } = (await sandboxState()).data;
  assert.ok(!JSON.stringify(orders).includes(domain), "no order at CMR");
});

test("a funded order shows its total first, then is charged and queued at CMR", async () => {
  await setWallet(200_000);
  await prewarmScreen();
  await pick();
  const customer = await (await byTestId(browser, "customer-picker")).getValue();
  await press(browser, "prewarm-order");
  const dialog = await byTestId(browser, "confirm-dialog");
  await waitForText(dialog, "charged to the wallet");
  await waitForText(await byTestId(browser, "confirm-demo-note"), "nothing is charged");
  await screenshot(browser, "prewarmup-confirm");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), `Ordered ${domain}`);
  const { orders, walletBalanceCents } = (await sandboxState()).data;
  const order = Object.values(orders).find((o) => JSON.stringify(o).includes(domain));
  assert.ok(order, "the order exists at CMR");
  assert.equal(order.user_id, customer);
  assert.ok(walletBalanceCents < 200_000, "the wallet paid");
  await browser.$(`[data-testid="prewarm-row"][data-domain="${domain}"]`).waitForExist({
    reverse: true,
    timeout: 10_000,
    timeoutMsg: "no longer offered",
  });
});
