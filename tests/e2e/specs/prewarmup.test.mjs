// Pre-warmed inboxes in the real window: a purchase refused for lack of funds, then one paid
// after a confirmation that shows the total — checked in the Demo sandbox's orders and wallet.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, currentCustomer, launchApp, openArea, press, sandboxState, screenshot, setWallet, waitForCustomer, waitForText } from "../lib/app.mjs";

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
  await waitForCustomer(browser);
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
  const customer = await currentCustomer(browser);
  await press(browser, "prewarm-order");
  const dialog = await byTestId(browser, "confirm-dialog");
  await waitForText(dialog, "charged to the wallet");
  await waitForText(await byTestId(browser, "confirm-demo-note"), "nothing is charged");
  await screenshot(browser, "prewarmup-confirm");
  const quoted = (await (await byTestId(browser, "charge-total")).getText()).match(/\$[\d,]+\.\d\d/)[0];
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

  // What the app charged is kept: on the Wallet page under the customer, at the quoted total,
  // and in the CSV; and on the customer's own page.
  await openArea(browser, "wallet");
  const charges = await byTestId(browser, "charges-panel");
  const line = await charges.$(`[data-testid="charges-customer"][data-customer-id="${customer}"]`);
  await line.waitForDisplayed({ timeout: 10_000 });
  await screenshot(browser, "wallet-charges");
  await press(browser, "charges-export");
  const csv = await (await byTestId(browser, "charges-csv")).getValue();
  const amount = `,${quoted.replace(/[$,]/g, "")},`;
  assert.ok(
    csv.split("\n").some((l) => l.includes(customer) && l.includes("order_prewarmup") && l.includes(amount) && l.includes(",charged,")),
    `the payment of ${quoted} is in the CSV:\n${csv}`,
  );
  await browser.keys(["Escape"]);
  await openArea(browser, "customers");
  await browser.execute((id) => (location.hash = `#/customers/${id}`), customer);
  const page = await byTestId(browser, "customer-page");
  await page.$('[data-testid="charges-row"][data-operation="order_prewarmup"]').waitForExist({ timeout: 10_000 });
});
