// Domains → Manage in the real window: out-of-window renewals refused before sending, a paid
// renewal behind a confirmation naming the total, auto-renew, forwarding (address checked
// first) and removal (refused while mailboxes remain) — each checked in the Demo sandbox's state.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, chooseCustomer, fill, launchApp, openArea, press, sandboxState, screenshot, waitForText } from "../lib/app.mjs";

const DAY = 86_400_000;
let browser;
/** The demo customer with every kind of domain the tests need, and those domains. */
let customer;
let picks;

before(async () => {
  browser = await launchApp();
  const data = await world();
  const all = Object.values(data.domains);
  const mailboxCount = (d) => Object.values(data.mailboxes).filter((m) => m.domain_id === d.id).length;
  // A customer with a domain inside the renewal window, one in its grace period, one far from
  // expiry (with mailboxes) and one without mailboxes that can be removed.
  const plan = (user) => {
    const own = all.filter((d) => d.user_id === user);
    const left = (d) => (d.expire_on - Date.parse(data.now)) / DAY;
    return {
      inWindow: own.find((d) => d.status === "ACTIVE" && left(d) < 40 && left(d) > 2),
      grace: own.find((d) => d.status === "GRACE_PERIOD" && left(d) > -5),
      far: own.find((d) => d.status === "ACTIVE" && left(d) > 50 && mailboxCount(d) > 0),
      forward: own.find((d) => d.status === "ACTIVE" && left(d) > 50 && !d.forward_to),
      autoOff: own.find((d) => d.status === "ACTIVE" && !d.auto_renew),
      removable: own.find((d) => d.status !== "PENDING" && mailboxCount(d) === 0),
      mail: own.find((d) => d.status === "ACTIVE" && !d.email_forwarding && mailboxCount(d) > 0 &&
        Object.values(data.mailboxes).filter((m) => m.domain_id === d.id).every((m) => m.status === "ACTIVE")),
    };
  };
  customer = [...new Set(all.map((d) => d.user_id))].find((u) => Object.values(plan(u)).every(Boolean));
  picks = customer && plan(customer);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

async function world() {
  return (await sandboxState()).data;
}

async function domains() {
  return Object.values((await world()).domains).filter((d) => d.user_id === customer);
}

async function domainNamed(name) {
  return (await domains()).find((d) => d.name === name);
}

async function row(name) {
  const el = await browser.$(`[data-testid="domain-row"][data-domain="${name}"]`);
  await el.waitForDisplayed({ timeout: 10_000 });
  return el;
}

async function until(check, message, timeout = 15_000) {
  await browser.waitUntil(check, { timeout, interval: 250, timeoutMsg: message });
}

/** Domains → Manage afresh, on the customer, its domains listed. */
async function manageScreen() {
  assert.ok(customer, "the demo world has a customer with every kind of domain");
  await openArea(browser, "domains");
  await press(browser, "tab-manage");
  await chooseCustomer(browser, customer);
  await row(picks.far.name);
}

/** Leaves exactly these domains selected. */
async function selectOnly(names) {
  for (const box of await browser.$$('[data-testid="domain-row"]')) {
    const name = await box.getAttribute("data-domain");
    const check = await box.$('[data-testid="select-domain"]');
    if ((await check.isSelected()) !== names.includes(name)) await press(browser, check);
  }
  await waitForText(await byTestId(browser, "selected-count"), `${names.length} domain${names.length === 1 ? "" : "s"} selected`);
}

test("the customer's domains are listed with status and expiry", async () => {
  await manageScreen();
  const expected = (await domains()).length;
  await until(async () => (await browser.$$('[data-testid="domain-row"]')).length === expected, "one row per domain");
  assert.equal(await (await row(picks.grace.name)).getAttribute("data-status"), "GRACE_PERIOD");
  await screenshot(browser, "domain-manage-list");
});

test("the list sorts by a column heading, and the bulk bar appears only while domains are chosen", async () => {
  await manageScreen();
  const names = async () => {
    const out = [];
    for (const r of await browser.$$('[data-testid="domain-row"]')) out.push(await r.getAttribute("data-domain"));
    return out;
  };
  await press(browser, "sort-name");
  const ascending = await names();
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })), "A to Z");
  assert.equal(await (await byTestId(browser, "sort-name")).getAttribute("data-sort"), "ascending");
  await press(browser, "sort-name");
  assert.deepEqual(await names(), [...ascending].reverse(), "pressed again: Z to A");

  assert.equal(await browser.$('[data-testid="bulk-bar"]').isExisting(), false, "no bar with nothing chosen");
  await selectOnly([picks.far.name]);
  const bar = await byTestId(browser, "bulk-bar");
  await waitForText(bar, "1 domain selected");
  await screenshot(browser, "domain-manage-bulk-bar");
  await press(browser, "bulk-clear");
  await browser.$('[data-testid="bulk-bar"]').waitForExist({ reverse: true, timeout: 5_000, timeoutMsg: "the bar goes with the selection" });
});

test("a renewal outside the window is refused before sending, with the reason", async () => {
  await manageScreen();
  const before = await world();
  await selectOnly([picks.far.name]);
  await press(browser, "renew-selected");
  const refused = await byTestId(browser, "renew-refused");
  await waitForText(refused, picks.far.name);
  await waitForText(refused, "Not in the renewal window yet");
  await byTestId(browser, "renew-nothing");
  assert.equal(await (await browser.$('[data-testid="renew-confirm"]')).isExisting(), false, "nothing to pay");
  await screenshot(browser, "domain-manage-renew-refused");
  await press(browser, "renew-cancel");
  const now = await world();
  assert.equal(now.walletBalanceCents, before.walletBalanceCents, "nothing was charged");
  assert.equal(now.domains[picks.far.id].status, "ACTIVE");
  assert.equal(now.domains[picks.far.id].expire_on, picks.far.expire_on);
});

test("renewing the selection shows each price and the total, then the wallet pays", async () => {
  await manageScreen();
  const before = await world();
  await selectOnly([picks.inWindow.name, picks.grace.name]);
  await press(browser, "renew-selected");
  const total = await byTestId(browser, "charge-total");
  await until(async () => /\$\d/.test(await total.getText()), "a priced total");
  const totalText = await total.getText();
  const confirm = await byTestId(browser, "renew-confirm");
  await waitForText(confirm, totalText);
  await waitForText(await byTestId(browser, "charge-wallet"), "→");
  await waitForText(await byTestId(browser, "charge-recurring"), "/year from");
  await screenshot(browser, "domain-manage-renew-confirm");
  await press(browser, confirm);
  await waitForText(await byTestId(browser, "notice"), `${totalText} from the wallet`);
  const paid = Math.round(Number(totalText.replace(/[$,]/g, "")) * 100);
  await until(async () => {
    const now = await world();
    return [picks.inWindow, picks.grace].every((d) => now.domains[d.id].status === "RENEWING" || now.domains[d.id].expire_on > d.expire_on);
  }, "both domains renewing or renewed at CMR");
  const { walletBalanceCents } = await world();
  assert.equal(walletBalanceCents, before.walletBalanceCents - paid, "the wallet paid the total shown");
  await until(async () => ["RENEWING", "ACTIVE"].includes(await (await row(picks.grace.name)).getAttribute("data-status")), "the list shows the renewal");
  await screenshot(browser, "domain-manage-renewed");
});

test("auto-renew is switched per domain at CMR", async () => {
  await manageScreen();
  const toggle = await (await row(picks.autoOff.name)).$('[data-testid="toggle-auto-renew"]');
  await press(browser, toggle);
  await waitForText(await byTestId(browser, "notice"), `Auto-renew turned on for ${picks.autoOff.name}`);
  await until(async () => (await domainNamed(picks.autoOff.name)).auto_renew === true, "auto-renew on at CMR");
  await until(async () => (await (await row(picks.autoOff.name)).getAttribute("data-auto-renew")) === "true", "the row shows it");
});

test("website forwarding checks the address first, then CMR applies it", async () => {
  await manageScreen();
  await selectOnly([picks.forward.name]);
  await press(browser, "forward-url");
  await byTestId(browser, "forwarding-dialog");
  await fill(browser, '[data-testid="forward-target"]', "not a url");
  await press(browser, "forward-submit");
  await waitForText(await byTestId(browser, "forward-target-error"), "no spaces");
  await screenshot(browser, "domain-manage-forward-invalid");
  await fill(browser, '[data-testid="forward-target"]', "https://acme-main.com");
  await press(browser, "forward-submit");
  await waitForText(await byTestId(browser, "notice"), "forwarding to https://acme-main.com");
  await until(async () => (await domainNamed(picks.forward.name)).forward_to === "https://acme-main.com", "forwarding set at CMR");
});

test("email forwarding checks the address first, then CMR applies it", async () => {
  await manageScreen();
  await selectOnly([picks.mail.name]);
  await press(browser, "forward-email");
  await byTestId(browser, "forwarding-dialog");
  await fill(browser, '[data-testid="forward-target"]', "support@company");
  await press(browser, "forward-submit");
  await waitForText(await byTestId(browser, "forward-target-error"), "not an email address");
  await fill(browser, '[data-testid="forward-target"]', "support@company.com");
  await press(browser, "forward-submit");
  await waitForText(await byTestId(browser, "notice"), `Email forwarding to support@company.com sent for ${picks.mail.name}`);
  await until(async () => (await domainNamed(picks.mail.name)).email_forwarding === "support@company.com", "email forwarding set at CMR");
});

test("removal is refused while mailboxes remain, and a bare domain is removed after a confirmation", async () => {
  await manageScreen();
  await selectOnly([picks.far.name]);
  await press(browser, "remove-selected");
  const refusal = await byTestId(browser, "refusal");
  await waitForText(refusal, "Removal not sent");
  await waitForText(refusal, "mailbox");
  await screenshot(browser, "domain-manage-remove-refused");
  assert.ok(await domainNamed(picks.far.name), "still there");

  await selectOnly([picks.removable.name]);
  await press(browser, "remove-selected");
  const dialog = await byTestId(browser, "confirm-dialog");
  await waitForText(dialog, "cannot be undone");
  await waitForText(dialog, picks.removable.name);
  await screenshot(browser, "domain-manage-remove-confirm");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), `Removal of ${picks.removable.name} sent`);
  await until(async () => (await domainNamed(picks.removable.name)) === undefined, "removed at CMR");
  await until(async () => {
    await press(browser, "domains-refresh");
    return !(await (await browser.$(`[data-testid="domain-row"][data-domain="${picks.removable.name}"]`)).isExisting());
  }, "gone from the list");
  await screenshot(browser, "domain-manage-after-remove");
});
