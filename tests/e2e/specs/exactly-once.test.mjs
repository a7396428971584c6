// A paid call whose answer is lost is never sent twice. On the Demo sandbox, Pay processes
// the order at CMR and then the connection hangs up; meanwhile CMR's order reads fail, so
// nothing can settle it on its own. The dialog holds the call back (Check status where Pay
// was), also after leaving the area and finding the order again, and once the reads work the
// check finds the order processed. The sandbox holds exactly one order, charged once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, clearFaults, fill, launchApp, openArea, press, sandboxData, screenshot, setFaults, setText, values, waitForCustomer, waitForText } from "../lib/app.mjs";

let browser;
// Names no other spec or earlier run has ordered; each test orders its own (a letter added).
const stem = `fresh-once${Date.now().toString(36)}`;
const senders = "Dana Reyes";

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await clearFaults().catch(() => {});
  await browser?.deleteSession().catch(() => {});
});

/** A test's own name to order: the base searched for and the .com that goes in the cart. */
function own(letter) {
  const base = `${stem}${letter}`;
  return { base, domain: `${base}.com` };
}

async function buildCart({ base, domain }) {
  await fill(browser, "#domain-query", base);
  await press(browser, "domain-search-submit");
  const row = await browser.$(`[data-testid="offer-row"][data-domain="${domain}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  await row.waitUntil(async () => (await row.getAttribute("data-workspace")) !== "unchecked", { timeout: 10_000 });
  await press(browser, await row.$('[data-testid="offer-add"]'));
  await (await browser.$(`[data-testid="cart-item"][data-domain="${domain}"]`)).waitForDisplayed({ timeout: 5_000 });
  await setText(browser, "#cart-senders", senders);
}

/** The call is held back: its state and a Check status button stand where Pay stood. */
async function assertHeld() {
  const check = await browser.$('[data-testid="unsettled-check"]');
  try {
    await check.waitForDisplayed({ timeout: 20_000, timeoutMsg: "no Check status where Pay was" });
  } catch (e) {
    await screenshot(browser, "exactly-once-not-held");
    throw e;
  }
  await byTestId(browser, "unsettled-explain");
  assert.equal((await browser.$$('[data-testid="confirm-ok"]')).length, 0, "no Pay button in any dialog");
}

/**
 * Presses a button that opens a dialog. The review may still be settling (the wallet is read
 * again), so a press that landed before it did is repeated.
 */
async function pressForDialog(id) {
  for (let attempt = 0; ; attempt++) {
    await press(browser, id);
    try {
      await (await browser.$("dialog[open]")).waitForDisplayed({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

const ordersFor = (s, name) => values(s.orders).filter((o) => (o.domains ?? []).some((d) => d.name === name));

/**
 * Domains → Buy afresh with the name in the cart, reviewed: the order exists unconfirmed and
 * Pay is enabled. CMR answers normally meanwhile (faults an earlier test armed are cleared).
 */
async function reviewed(name) {
  await clearFaults();
  await openArea(browser, "domains");
  await byTestId(browser, "domains-screen");
  await waitForCustomer(browser);
  await buildCart(name);
  await press(browser, "cart-review");
  await byTestId(browser, "order-review");
  // Pay is enabled once CMR's quote was read: only then do the faults begin, so they hit the
  // payment and not the quote.
  await (await byTestId(browser, "review-pay")).waitForEnabled({ timeout: 15_000 });
}

/** The order is processed and charged, then the answer is lost; order reads fail meanwhile. */
async function armLostAnswer() {
  await setFaults({
    commitThenNext: 1,
    commitThen: "timeout",
    hangMs: 1500,
    route: "POST /orders/process",
    errorRates: { "GET /orders/status": 1.0, "GET /orders": 1.0 },
    errorStatus: 503,
  });
}

/** A reviewed order whose Pay lost its answer, held back in the dialog; returns the order. */
async function heldPayment(name) {
  await reviewed(name);
  await armLostAnswer();
  await pressForDialog("review-pay");
  await press(browser, "confirm-ok");
  await assertHeld();
  const [order] = ordersFor(await sandboxData(), name.domain);
  assert.ok(order, "the order exists at CMR");
  return order;
}

test("the Domains screen opens on the Demo profile with a customer", async () => {
  await reviewed(own("a"));
  await screenshot(browser, "exactly-once-review");
});

test("Pay whose answer is lost turns into Check status, and Pay cannot be pressed again", async () => {
  const name = own("b");
  await reviewed(name);
  await armLostAnswer();
  await pressForDialog("review-pay");
  await press(browser, "confirm-ok");
  await assertHeld();
  await screenshot(browser, "exactly-once-held");
  const [order] = ordersFor(await sandboxData(), name.domain);
  assert.ok(order, "the order exists at CMR");
  assert.notEqual(order.status, "PENDING", "CMR processed it before the answer was lost");
});

test("closing the dialog and pressing Pay again still shows Check status, never Pay", async () => {
  await heldPayment(own("c"));
  await browser.keys("Escape");
  await pressForDialog("review-pay");
  await assertHeld();
  await screenshot(browser, "exactly-once-held-again");
});

test("after leaving the area, Activity still holds the payment and its check finds the order", async () => {
  const name = own("d");
  const { domain } = name;
  const order = await heldPayment(name);
  await browser.keys("Escape");
  await press(browser, "nav-activity");
  // This test's payment: its subject is the order id (an earlier test's may be listed too).
  let row;
  await browser.waitUntil(
    async () => {
      for (const r of await browser.$$('[data-testid="action-row"][data-operation="process_order"]')) {
        if ((await r.getText()).includes(order.id)) row = r;
      }
      return row !== undefined;
    },
    { timeout: 10_000, timeoutMsg: "the payment is listed in Activity" },
  );
  await row.waitForDisplayed({ timeout: 10_000, timeoutMsg: "the payment is listed in Activity" });
  assert.ok(["reconciling", "outcome_unknown"].includes(await row.getAttribute("data-state")), "still unsettled");
  await screenshot(browser, "exactly-once-activity");
  // CMR answers reads again; nothing settled the payment meanwhile (its reads failed).
  await clearFaults();
  await press(browser, await row.$('[data-testid="action-check"]'));
  await browser.waitUntil(async () => (await row.getAttribute("data-state")) === "submitted", {
    timeout: 20_000,
    timeoutMsg: "the check did not find the order processed",
  });
  await waitForText(await byTestId(browser, "action-checked"), "took effect");
  await waitForText(row, order.id);
  assert.equal((await row.$$('[data-testid="action-check"]')).length, 0, "nothing left to check");
  await screenshot(browser, "exactly-once-went-through");

  const data = await sandboxData();
  assert.equal(ordersFor(data, domain).length, 1, `exactly one order for ${domain}`);
  const charges = (data.transactions ?? []).filter((t) => t.reference === order.id);
  assert.ok(charges.length <= 1, `charged at most once for ${order.id}: ${JSON.stringify(charges)}`);
});
