// Domains → Buy in the real window on the Demo sandbox: search, workspace pre-flight, cart
// against the wallet, unconfirmed order reviewed, paid after a confirmation showing the total,
// progress until the domains are ACTIVE; and a payment the wallet cannot cover.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, chooseCustomer, currentCustomer, dismissNotices, dollars, fill, launchApp, openArea, press, sandboxCalls, sandboxData, screenshot, setText, setWallet, values, waitForCustomer, waitForText } from "../lib/app.mjs";

let browser;
/** The customer the screen opens on (read once, then chosen again each time). */
let customerId;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** Domains → Buy afresh on the customer: no results, an empty cart. */
async function buyScreen() {
  await openArea(browser, "domains");
  await byTestId(browser, "domains-screen");
  await waitForCustomer(browser);
  if (customerId) await chooseCustomer(browser, customerId);
  customerId = await currentCustomer(browser);
  await byTestId(browser, "cart-empty");
}

/** fresh-e2e.com and fresh-e2e.net in the cart, two mailboxes each. */
async function cartOfTwo() {
  await search("fresh-e2e");
  await addToCart("fresh-e2e.com");
  await addToCart("fresh-e2e.net");
  await setText(browser, "#cart-senders", "Ana Lopez\nBen Okafor");
  // $12 + $14 registration, 2 domains × 2 mailboxes × $3.
  await waitForText(await byTestId(browser, "cart-total"), "$38.00");
}

async function offerRow(domain) {
  const row = await browser.$(`[data-testid="offer-row"][data-domain="${domain}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  return row;
}

/** What the wallet paid for one order, from the sandbox's ledger. */
const chargedFor = (s, orderId) =>
  Math.round(100 * values(s.transactions).filter((t) => t.reference === orderId).reduce((sum, t) => sum - t.amount, 0)) || 0;

/**
 * Presses a button that opens a dialog and returns the open dialog. The review may still be
 * settling (the wallet is read again), so a press that landed before it did is repeated.
 */
async function pressForDialog(id) {
  for (let attempt = 0; ; attempt++) {
    await press(browser, id);
    const dialog = await browser.$("dialog[open]");
    try {
      await dialog.waitForDisplayed({ timeout: 3_000 });
      return dialog;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

async function search(text) {
  await fill(browser, "#domain-query", text);
  await press(browser, "domain-search-submit");
}

async function addToCart(domain) {
  const row = await offerRow(domain);
  await row.waitUntil(async () => (await row.getAttribute("data-workspace")) !== "unchecked", { timeout: 10_000 });
  await press(browser, await row.$('[data-testid="offer-add"]'));
  await (await browser.$(`[data-testid="cart-item"][data-domain="${domain}"]`)).waitForDisplayed({ timeout: 5_000 });
}

test("the Domains screen opens on the first customer with an empty cart", async () => {
  await buyScreen();
  await screenshot(browser, "domains-start");
});

test("search shows prices, taken names and the workspace conflict", async () => {
  await buyScreen();
  await search("taken-e2e.com");
  const taken = await offerRow("taken-e2e.com");
  assert.equal(await taken.getAttribute("data-available"), "false");
  await waitForText(await taken.$('[data-testid="offer-problem"]'), "Already registered");

  await search("workspace-e2e.com");
  const ws = await offerRow("workspace-e2e.com");
  await ws.waitUntil(async () => (await ws.getAttribute("data-workspace")) === "exists", { timeout: 10_000 });
  await waitForText(await ws.$('[data-testid="offer-problem"]'), "Workspace validation failed");
  assert.equal((await ws.$$('[data-testid="offer-add"]')).length, 0, "a conflicted name cannot go in the cart");
  await screenshot(browser, "domains-search-conflicts");

  await search("fresh-e2e");
  const com = await offerRow("fresh-e2e.com");
  assert.equal(await com.getAttribute("data-available"), "true");
  await waitForText(com, "$12.00");
  await screenshot(browser, "domains-search-results");
});

test("the cart totals domains and first-month mailboxes against the wallet", async () => {
  await buyScreen();
  await cartOfTwo();
  const wallet = await byTestId(browser, "cart-wallet");
  const cents = (await sandboxData()).walletBalanceCents;
  await waitForText(wallet, `${dollars(cents)} → ${dollars(cents - 3800)}`);
  await screenshot(browser, "domains-cart");
});

test("review creates the order unconfirmed; paying asks first and shows the total", async () => {
  await buyScreen();
  await cartOfTwo();
  await press(browser, "cart-review");
  const review = await byTestId(browser, "order-review");
  const orderId = await review.getAttribute("data-order-id");
  await waitForText(await byTestId(browser, "review-total"), "$38.00");
  let s = await sandboxData();
  assert.equal(values(s.orders).find((o) => o.id === orderId)?.status, "PENDING", "created, not processed");
  assert.equal(chargedFor(s, orderId), 0, "nothing charged by the review");
  await screenshot(browser, "domains-review");

  const dialog = await pressForDialog("review-pay");
  await waitForText(dialog, "Pay $38.00 from the wallet?");
  await screenshot(browser, "domains-confirm-pay");
  await sandboxCalls({ clear: true });
  const followStarted = Date.now();
  await press(browser, "confirm-ok");

  const progress = await byTestId(browser, "order-progress");
  await screenshot(browser, "domains-progress");
  await progress.waitUntil(async () => (await progress.getAttribute("data-done")) === "true", {
    timeout: 90_000,
    timeoutMsg: "the order did not settle",
  });
  // One poller: the screen follows the tracker's readings (one every 2 s while watched), it
  // does not read the order status itself beside it (that was a read every 1.5 s more).
  const statusReads = (await sandboxCalls())["GET /orders/status"] ?? 0;
  const seconds = (Date.now() - followStarted) / 1000;
  assert.ok(statusReads >= 1, "the order status was read");
  assert.ok(statusReads <= Math.ceil(seconds / 2) + 2, `${statusReads} status reads in ${seconds.toFixed(1)} s: more than one poller`);
  for (const name of ["fresh-e2e.com", "fresh-e2e.net"]) {
    const row = await browser.$(`[data-testid="progress-domain"][data-domain="${name}"]`);
    await row.waitUntil(async () => (await row.getAttribute("data-domain-status")) === "ACTIVE", { timeout: 15_000 });
  }
  await waitForText(await byTestId(browser, "order-status"), "Done");
  await screenshot(browser, "domains-done");

  s = await sandboxData();
  const order = values(s.orders).find((o) => o.id === orderId);
  assert.equal(order.status, "PAID");
  assert.equal(chargedFor(s, orderId), 3800, "exactly the total was charged");
  for (const name of ["fresh-e2e.com", "fresh-e2e.net"]) {
    const d = values(s.domains).find((x) => x.name === name);
    assert.equal(d?.status, "ACTIVE", `${name} is registered`);
    assert.equal(d.user_id, customerId, `${name} belongs to the chosen customer`);
    const boxes = values(s.mailboxes).filter((m) => m.domain === name).map((m) => m.username).sort();
    assert.deepEqual(boxes, ["ana.lopez", "ben.okafor"]);
  }
});

test("a payment the wallet cannot cover is refused with a clear message and nothing is charged", async () => {
  await buyScreen();
  await search("fresh-e2epoor");
  await addToCart("fresh-e2epoor.io");
  await setText(browser, "#cart-senders", "Cara Diaz");
  await press(browser, "cart-review");
  const review = await byTestId(browser, "order-review");
  const orderId = await review.getAttribute("data-order-id");
  await waitForText(await byTestId(browser, "review-total"), "$38.00"); // $35 + one $3 mailbox

  await dismissNotices(browser); // the first order's notice sits over the bottom-right corner
  await pressForDialog("review-pay");
  await waitForText(await byTestId(browser, "charge-wallet"), "→");
  // The wallet drops after the dialog priced the order, as when another order paid meanwhile:
  // CMR refuses, and says so.
  await setWallet(500);
  await press(browser, "confirm-ok");
  const error = await byTestId(browser, "review-error");
  await waitForText(error, "Not enough wallet balance — nothing was charged");
  await waitForText(error, "costs $38.00");
  await waitForText(await byTestId(browser, "review-wallet"), "-$");
  await byTestId(browser, "review-short");
  // Now the app knows: Pay waits, with the shortfall and what to do.
  assert.equal(await (await byTestId(browser, "review-pay")).isEnabled(), false, "Pay waits while the wallet is short");
  await waitForText(await byTestId(browser, "review-pay-why"), "short");
  await screenshot(browser, "domains-insufficient-wallet");

  const s = await sandboxData();
  assert.equal(chargedFor(s, orderId), 0, "nothing charged for the order");
  assert.ok(s.walletBalanceCents <= 500, "the wallet was not topped up or charged for it");
  assert.equal(values(s.orders).find((o) => o.id === orderId)?.status, "PENDING", "the order was not processed");
  assert.equal(values(s.domains).find((d) => d.name === "fresh-e2epoor.io"), undefined, "no domain was registered");
  await setWallet(125_000);
});
