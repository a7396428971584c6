// Orders in the real window: an unknown id gives a clear not-found message; an order left
// unconfirmed is found by id and processed after a confirmation naming its amount — checked in
// the Demo sandbox's state — and then shows among the order actions of the profile.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { byTestId, fill, launchApp, press, sandboxState, screenshot, waitForText } from "../lib/app.mjs";

let browser;
let order;

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

async function world() {
  return (await sandboxState()).data;
}

async function until(check, message, timeout = 15_000) {
  await browser.waitUntil(check, { timeout, interval: 250, timeoutMsg: message });
}

test("an unknown order id gives a clear not-found message", async () => {
  browser = await launchApp();
  order = Object.values((await world()).orders).find((o) => o.status === "PENDING" && !o.confirm);
  assert.ok(order, "the demo world has an unconfirmed order");
  await press(browser, "nav-orders");
  const picker = await byTestId(browser, "customer-picker");
  await browser.waitUntil(async () => (await picker.$$("option")).length > 1, { timeout: 10_000 });
  await picker.selectByAttribute("value", order.user_id);
  await press(browser, "order-lookup");
  await waitForText(await byTestId(browser, "order-id-error"), "Enter an order id");
  await fill(browser, '[data-testid="order-id"]', "NO-SUCH-ORDER");
  await press(browser, "order-lookup");
  await waitForText(await byTestId(browser, "order-id-error"), "No order NO-SUCH-ORDER for this customer");
  await screenshot(browser, "orders-not-found");
});

test("an unconfirmed order is processed after a confirmation naming its amount", async () => {
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
  const selector = `[data-testid="order-action"][data-operation="process_order"][data-subject="${order.id}"]`;
  await until(async () => {
    await press(browser, "orders-refresh");
    return (await browser.$$(selector)).length === 1;
  }, "the process_order action is listed");
  const state = await (await browser.$(selector)).getAttribute("data-state");
  assert.ok(["accepted", "submitted", "succeeded"].includes(state), `a live or finished state, not ${state}`);
  await waitForText(await browser.$(selector), "Process order");
  await screenshot(browser, "orders-actions");
});
