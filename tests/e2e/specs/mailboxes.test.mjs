// Mailboxes → Order in the real window on the Demo sandbox: mailboxes by naming pattern and by
// hand (with a field error fixed on the way), warmup, cost preview, confirmation with the
// total, per-mailbox progress until ACTIVE; and a CSV whose bad row is reported with its line
// and field while the good rows go through.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, currentCustomer, dismissNotices, dollars, fill, launchApp, openArea, press, sandboxCalls, sandboxData, screenshot, setText, values, waitForCustomer, waitForText } from "../lib/app.mjs";

let browser;
let customerId;
/** Two of the customer's ACTIVE domains with an ACTIVE subscription. */
let domainA;
let domainB;
let priceA;
let priceB;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/**
 * Mailboxes → Order afresh on the customer the screen opens on (read once, then chosen again
 * each time), nothing drafted; the first time also picks two of its ACTIVE domains with an
 * ACTIVE subscription from the sandbox.
 */
async function orderScreen() {
  await openArea(browser, "mailboxes");
  await byTestId(browser, "mailboxes-screen");
  await waitForCustomer(browser);
  if (customerId) {
    // Back in the area with the customer still chosen: the Order view reads it by itself.
    assert.equal(await currentCustomer(browser), customerId, "the customer stays chosen across areas");
  } else {
    customerId = await currentCustomer(browser);
    const s = await sandboxData();
    const live = values(s.subscriptions).filter((x) => x.user_id === customerId && x.status === "ACTIVE");
    const domains = values(s.domains)
      .filter((d) => d.user_id === customerId && d.status === "ACTIVE")
      .map((d) => ({ d, sub: live.find((x) => x.domain_id === d.id) }))
      .filter((x) => x.sub);
    assert.ok(domains.length >= 2, "the demo customer has two active domains with subscriptions");
    [domainA, domainB] = [domains[0].d.name, domains[1].d.name];
    [priceA, priceB] = [domains[0].sub.price_cents, domains[1].sub.price_cents];
  }
  await byTestId(browser, "drafts-empty");
}

/** Confirms the order and waits until every ordered mailbox shows ACTIVE. */
async function orderAndWait(expectedTotal, shot) {
  await dismissNotices(browser);
  await press(browser, "mailbox-submit");
  const dialog = await byTestId(browser, "confirm-dialog");
  await waitForText(dialog, expectedTotal);
  if (shot) await screenshot(browser, shot);
  await sandboxCalls({ clear: true });
  const started = Date.now();
  await press(browser, "confirm-ok");
  const progress = await byTestId(browser, "mailbox-progress");
  await progress.waitUntil(async () => (await progress.getAttribute("data-done")) === "true", {
    timeout: 90_000,
    timeoutMsg: "the mailboxes did not all become ACTIVE",
  });
  // One poller per order (the tracker's readings, one every 2 s per watched order), and the
  // mailbox list read when the orders finish rather than every 2 s beside them.
  const calls = await sandboxCalls();
  const seconds = (Date.now() - started) / 1000;
  const orders = calls["POST /orders/create-mailbox-order/json"] ?? 0;
  const statusReads = calls["GET /orders/status"] ?? 0;
  const listReads = calls["GET /mailboxes/single"] ?? 0;
  assert.ok(statusReads <= orders * (Math.ceil(seconds / 2) + 2), `${statusReads} status reads for ${orders} orders in ${seconds.toFixed(1)} s`);
  // CMR marks a mailbox order PAID once its mailboxes are ACTIVE, so one read shows them all.
  assert.ok(listReads >= 1 && listReads <= 2, `${listReads} mailbox list reads in ${seconds.toFixed(1)} s`);
}

function mailboxesOf(s, domain) {
  return values(s.mailboxes).filter((m) => m.domain === domain);
}

test("the Mailboxes screen loads the customer's active domains", async () => {
  await orderScreen();
  await screenshot(browser, "mailboxes-start");
});

test("pattern and hand-made mailboxes are priced, confirmed, and followed until ACTIVE", async () => {
  await orderScreen();
  await press(browser, "source-pattern");
  await setText(browser, "#pattern-names", "Nina Park\nOmar Haddad");
  await (await byTestId(browser, "pattern-pattern")).selectByAttribute("value", "f.last");
  await press(browser, `[data-testid="pattern-entry"] input[value="${domainA}"]`);
  await press(browser, "pattern-add");
  await waitForText(await byTestId(browser, "draft-count"), "2");

  await press(browser, "source-manual");
  await fill(browser, "#manual-first", "Pia");
  await fill(browser, "#manual-last", "Lund");
  await fill(browser, "#manual-username", "Pia Lund");
  await (await browser.$("#manual-domain")).selectByAttribute("value", domainB);
  await press(browser, "manual-add");
  // The username rule is assumed: a warning with "Add anyway", not a refusal.
  const warning = await byTestId(browser, "rule-warning");
  await waitForText(warning, "CMR may refuse this");
  await waitForText(warning, "lower-case");
  await waitForText(await byTestId(browser, "manual-add"), "Add anyway");
  await waitForText(await byTestId(browser, "draft-count"), "2");
  await screenshot(browser, "mailboxes-manual-warning");
  await fill(browser, "#manual-username", "pia.lund");
  await press(browser, "manual-add");
  await waitForText(await byTestId(browser, "draft-count"), "3");

  await press(browser, "mailbox-warmup");
  const total = 2 * priceA + priceB + 3 * 100; // seats at each subscription's price + warmup
  await waitForText(await byTestId(browser, "mailbox-cost-total"), dollars(total));
  await screenshot(browser, "mailboxes-preview");

  await orderAndWait(dollars(total), "mailboxes-confirm");
  for (const email of [`n.park@${domainA}`, `o.haddad@${domainA}`, `pia.lund@${domainB}`]) {
    const row = await browser.$(`[data-testid="mailbox-status"][data-email="${email}"]`);
    assert.equal(await row.getAttribute("data-status"), "ACTIVE", email);
  }
  await waitForText(await byTestId(browser, "mailbox-ready"), "3 of 3 ready");
  await screenshot(browser, "mailboxes-done");

  const s = await sandboxData();
  const made = [...mailboxesOf(s, domainA), ...mailboxesOf(s, domainB)].filter((m) =>
    ["n.park", "o.haddad", "pia.lund"].includes(m.username),
  );
  assert.equal(made.length, 3);
  for (const m of made) {
    assert.equal(m.status, "ACTIVE");
    assert.equal(m.user_id, customerId);
    assert.ok(m.warmup, `${m.username} is on warmup`);
  }
});

test("a bad CSV row is reported with its line and field; the good rows still go through", async () => {
  await orderScreen();
  await dismissNotices(browser);
  await press(browser, "source-csv");
  await setText(browser, 
    "#csv-text",
    ["username,first name,last name,domain", `quinn,Quinn,Reed,${domainA}`, `rita,Rita,,${domainA}`, `sam.tate,Sam,Tate,${domainB}`].join("\n"),
  );
  await press(browser, "csv-add");
  await waitForText(await byTestId(browser, "csv-summary"), "2 rows added, 1 left out");
  const bad = await byTestId(browser, "rejected-row");
  assert.equal(await bad.getAttribute("data-line"), "3");
  assert.equal(await bad.getAttribute("data-fields"), "lastName");
  const report = await bad.getProperty("textContent");
  assert.match(report, /Line 3/);
  assert.match(report, /last name: Enter a last name\./);
  await waitForText(await byTestId(browser, "draft-count"), "2");
  await screenshot(browser, "mailboxes-csv-bad-row");

  const warmup = await byTestId(browser, "mailbox-warmup");
  if (!(await warmup.isSelected())) await press(browser, warmup);
  assert.equal(await warmup.isSelected(), true, "warmup on");
  await orderAndWait(dollars(priceA + priceB + 2 * 100)); // two seats + warmup
  await screenshot(browser, "mailboxes-csv-done");
  const s = await sandboxData();
  assert.equal(mailboxesOf(s, domainA).find((m) => m.username === "quinn")?.status, "ACTIVE");
  assert.equal(mailboxesOf(s, domainB).find((m) => m.username === "sam.tate")?.status, "ACTIVE");
  assert.ok(!values(s.mailboxes).some((m) => /bad/i.test(m.username) && m.domain === domainA), "the bad row was not ordered");
});
