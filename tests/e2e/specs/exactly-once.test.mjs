// A paid or creating call whose answer is lost is never sent twice: on the Demo sandbox the
// order is created and then the connection hangs up. The screen holds the call back (no
// Review/Pay, a Check status instead) — also after leaving the area and building the same cart
// again — and the check finds the order. The sandbox holds exactly one order for the domain.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { byTestId, clearFaults, fill, launchApp, press, sandboxData, screenshot, setFaults, setText, values, waitForText } from "../lib/app.mjs";

let browser;
// A name no other spec or earlier run has ordered.
const base = `fresh-once${Date.now().toString(36)}`;
const domain = `${base}.com`;
const senders = "Dana Reyes";

after(async () => {
  await clearFaults().catch(() => {});
  await browser?.deleteSession().catch(() => {});
});

async function buildCart() {
  await fill(browser, "#domain-query", base);
  await press(browser, "domain-search-submit");
  const row = await browser.$(`[data-testid="offer-row"][data-domain="${domain}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  await row.waitUntil(async () => (await row.getAttribute("data-workspace")) !== "unchecked", { timeout: 10_000 });
  await (await row.$('[data-testid="offer-add"]')).click();
  await (await browser.$(`[data-testid="cart-item"][data-domain="${domain}"]`)).waitForDisplayed({ timeout: 5_000 });
  await setText(browser, "#cart-senders", senders);
}

/** The call is held back: its state and a Check status button stand where Review/Pay stood. */
async function assertHeld() {
  const check = await browser.$('[data-testid="unsettled-check"]');
  await check.waitForDisplayed({ timeout: 20_000, timeoutMsg: "no Check status where Review/Pay was" });
  await byTestId(browser, "unsettled-explain");
  assert.equal((await browser.$$('[data-testid="cart-review"]')).length, 0, "Review/Pay cannot be pressed again");
  assert.equal((await browser.$$('[data-testid="confirm-ok"]')).length, 0, "no Pay button in any dialog");
}

const ordersFor = (s, name) => values(s.orders).filter((o) => (o.domains ?? []).some((d) => d.name === name));

test("the Domains screen opens on the Demo profile with a customer", async () => {
  browser = await launchApp();
  await (await byTestId(browser, "nav-domains")).click();
  await byTestId(browser, "domains-screen");
  const picker = await byTestId(browser, "customer-picker");
  await picker.waitUntil(async () => (await picker.getValue()) !== "", { timeout: 10_000, timeoutMsg: "no customer selected" });
  await buildCart();
  await screenshot(browser, "exactly-once-cart");
});

test("an order created at CMR whose answer is lost holds Review/Pay back", async () => {
  await setFaults({ commitThenNext: 1, commitThen: "timeout", hangMs: 1500, route: "POST /orders/json" });
  await press(browser, "cart-review");
  await assertHeld();
  await screenshot(browser, "exactly-once-held");
});

test("leaving the area and building the same cart again still holds it back", async () => {
  await (await byTestId(browser, "nav-orders")).click();
  await byTestId(browser, "orders-screen");
  await screenshot(browser, "exactly-once-away");
  await (await byTestId(browser, "nav-domains")).click();
  await byTestId(browser, "domains-screen");
  await buildCart();
  await assertHeld();
  await screenshot(browser, "exactly-once-held-after-return");
});

test("Check status finds the order, and CMR holds exactly one for the domain", async () => {
  await press(browser, "unsettled-check");
  const result = await byTestId(browser, "unsettled-result");
  await result.waitUntil(async () => (await result.getAttribute("data-outcome")) === "applied", {
    timeout: 20_000,
    timeoutMsg: "the check did not find the order",
  });
  await waitForText(result, "It went through");
  await waitForText(result, domain);
  await waitForText(await byTestId(browser, "order-applied"), domain);
  assert.equal((await browser.$$('[data-testid="cart-review"]')).length, 0, "still nothing to pay again");
  await screenshot(browser, "exactly-once-went-through");

  const orders = ordersFor(await sandboxData(), domain);
  assert.equal(orders.length, 1, `exactly one order for ${domain}`);
  await clearFaults();
});
