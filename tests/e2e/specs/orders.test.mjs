// Orders in the real window: an unknown id gives a clear not-found message; an order left
// unconfirmed is found by id and processed after a confirmation naming its amount — checked in
// the Demo sandbox's state — and then shows among the order actions of the profile.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, chooseCustomer, fill, launchApp, openArea, press, sandboxApi, sandboxState, screenshot, waitForText } from "../lib/app.mjs";

let browser;
/** The demo world's unconfirmed order, as seeded. */
let order;

before(async () => {
  browser = await launchApp();
  order = Object.values((await world()).orders).find((o) => o.status === "PENDING" && !o.confirm);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** Orders afresh, on a customer. */
async function ordersScreen(customer) {
  await openArea(browser, "orders");
  await chooseCustomer(browser, customer);
}

/** Finds an order by id and processes it, answering the confirmation. */
async function processOrder(id) {
  await fill(browser, '[data-testid="order-id"]', id);
  await press(browser, "order-lookup");
  await waitForText(await byTestId(browser, "order-details"), id);
  await press(browser, "order-process");
  await byTestId(browser, "confirm-dialog");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "order-notice"), `Order ${id} is being processed`);
}

async function world() {
  return (await sandboxState()).data;
}

async function until(check, message, timeout = 15_000) {
  await browser.waitUntil(check, { timeout, interval: 250, timeoutMsg: message });
}

test("an unknown order id gives a clear not-found message", async () => {
  assert.ok(order, "the demo world has an unconfirmed order");
  await ordersScreen(order.user_id);
  await press(browser, "order-lookup");
  await waitForText(await byTestId(browser, "order-id-error"), "Enter an order id");
  await fill(browser, '[data-testid="order-id"]', "NO-SUCH-ORDER");
  await press(browser, "order-lookup");
  await waitForText(await byTestId(browser, "order-id-error"), "No order NO-SUCH-ORDER for this customer");
  await screenshot(browser, "orders-not-found");
});

test("an unconfirmed order is processed after a confirmation naming its amount", async () => {
  assert.ok(order, "the demo world has an unconfirmed order");
  await ordersScreen(order.user_id);
  const before = await world();
  await fill(browser, '[data-testid="order-id"]', order.id);
  await press(browser, "order-lookup");
  const details = await byTestId(browser, "order-details");
  await waitForText(details, order.id);
  assert.equal(await details.getAttribute("data-status"), "PENDING");
  const amount = await (await byTestId(browser, "order-amount")).getText();
  assert.equal(Math.round(Number(amount.replace(/[$,]/g, "")) * 100), order.amount_cents, "the amount CMR holds");
  await screenshot(browser, "orders-details");
  await press(browser, "order-process");
  const dialog = await byTestId(browser, "confirm-dialog");
  await waitForText(dialog, amount);
  await screenshot(browser, "orders-confirm-process");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "order-notice"), `Order ${order.id} is being processed`);
  await until(async () => (await world()).orders[order.id].confirm === true, "confirmed at CMR");
  const now = await world();
  assert.equal(now.walletBalanceCents, before.walletBalanceCents - order.amount_cents, "the wallet paid the amount shown");
  await until(async () => (await (await byTestId(browser, "order-details")).getAttribute("data-status")) !== "PENDING", "the status moved on");
  await until(async () => (await world()).orders[order.id].status !== "PENDING", "processing at CMR");
});

test("the order action is listed with its state", async () => {
  // An unconfirmed order of its own, quoted at CMR directly, then processed in the window.
  assert.ok(order, "the demo world has an unconfirmed order");
  const name = "fresh-e2e-orders-action.com";
  const { orderId } = await sandboxApi("POST", `/orders/json?userId=${encodeURIComponent(order.user_id)}`, {
    domains: [{ domain: name, years: 1 }],
    mailboxes: { [name]: [{ username: "alex", firstName: "Alex", lastName: "Morgan" }] },
    billingCycle: "MONTHLY",
    serviceProvider: "GOOGLE",
    confirm: false,
  });
  await ordersScreen(order.user_id);
  await processOrder(orderId);
  const selector = `[data-testid="order-action"][data-operation="process_order"][data-subject="${orderId}"]`;
  await until(async () => {
    await press(browser, "orders-refresh");
    return (await browser.$$(selector)).length === 1;
  }, "the process_order action is listed");
  const state = await (await browser.$(selector)).getAttribute("data-state");
  assert.ok(["accepted", "submitted", "succeeded"].includes(state), `a live or finished state, not ${state}`);
  await waitForText(await browser.$(selector), "Process order");
  await screenshot(browser, "orders-actions");
});
