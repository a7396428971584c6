// Customers, Wallet and Activity in the real window, checked against the Demo sandbox's state.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, createCustomerAtCmr, currentCustomer, fill, launchApp, openArea, press, sandboxState, screenshot, waitForCustomer, waitForText } from "../lib/app.mjs";

let browser;
const EMAIL = "ops@northwind-e2e.com";

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** The area's screen, built afresh (see openArea). */
async function open(area) {
  await openArea(browser, area);
}

/** Customers afresh, its list read from CMR again (a customer may have been added behind it). */
async function customersScreen() {
  await open("customers");
  const screen = await byTestId(browser, "customers-screen");
  await press(browser, await screen.$("button=Refresh"));
  await byTestId(browser, "customers-table");
}

/** The add-customer form, filled in as a person would, with a country picked from the list. */
async function fillNewCustomer(email, company) {
  await fill(browser, "#customer-email", email);
  await fill(browser, "#customer-company", company);
  await fill(browser, "#customer-firstName", "Nina");
  await fill(browser, "#customer-lastName", "Berg");
  await fill(browser, "#customer-addressLineOne", "1 Harbour Road");
  await fill(browser, "#customer-city", "Boston");
  await fill(browser, "#customer-state", "Massachusetts");
  await fill(browser, "#customer-postalCode", "02110");
  await fill(browser, "#customer-phone", "6175550100");
  const country = await browser.$("#customer-country");
  await browser.waitUntil(async () => (await country.$$("option")).length > 1, { timeout: 10_000, timeoutMsg: "countries load" });
  await country.selectByAttribute("value", "US");
  assert.equal(await country.$("option:checked").getText(), "United States");
}

/** Deletes a listed customer through its row, answering the confirmation. */
async function deleteCustomer(email, company) {
  const row = await browser.$(`[data-testid="customer-row"][data-email="${email}"]`);
  await press(browser, await row.$('[data-testid="delete-customer"]'));
  await byTestId(browser, "confirm-dialog");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), `Deleted ${company}`);
}

/** The sandbox's records as lists (the admin view keys them by id). */
async function sandbox() {
  const data = (await sandboxState()).data;
  return { ...data, users: Object.values(data.users), domains: Object.values(data.domains) };
}

test("the wallet shows the partner balance CMR reports", async () => {
  await open("wallet");
  const { walletBalanceCents } = await sandbox();
  const expected = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(walletBalanceCents / 100);
  await waitForText(await byTestId(browser, "wallet-balance"), expected);
  await screenshot(browser, "wallet");
});

test("customers are listed from the account", async () => {
  await open("customers");
  await byTestId(browser, "customers-table");
  const { users } = await sandbox();
  await browser.waitUntil(async () => (await browser.$$('[data-testid="customer-row"]')).length === users.length, {
    timeout: 10_000,
    timeoutMsg: "one row per customer",
  });
  await screenshot(browser, "customers");
});

test("bad customer details are caught field by field before anything is sent", async () => {
  await open("customers");
  const before = (await sandbox()).users.length;
  await press(browser, "add-customer");
  await fill(browser, "#customer-email", "not-an-email");
  await press(browser, "customer-save");
  await byTestId(browser, "customer-form-invalid");
  await waitForText(await byTestId(browser, "customer-company-error"), "Enter the company");
  // The e-mail format is not documented by CMR: a warning that does not block, not an error.
  const warning = await byTestId(browser, "rule-warning");
  await waitForText(warning, "CMR may refuse this");
  await waitForText(warning, "does not look like an e-mail address");
  assert.equal(await (await browser.$('[data-testid="customer-email-error"]')).isExisting(), false);
  await screenshot(browser, "customers-invalid");
  assert.equal((await sandbox()).users.length, before, "nothing reached CMR");
});

test("a new customer is created at CMR and listed", async () => {
  await open("customers");
  await press(browser, "add-customer");
  await fillNewCustomer(EMAIL, "Northwind Outreach");
  await press(browser, "customer-save");
  await waitForText(await byTestId(browser, "notice"), "Added the customer");
  const row = await browser.$(`[data-testid="customer-row"][data-email="${EMAIL}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  const created = (await sandbox()).users.find((u) => u.email === EMAIL);
  assert.ok(created, "the customer exists at CMR");
  assert.equal(created.company, "Northwind Outreach");
  await screenshot(browser, "customers-created");
});

test("a customer that still holds domains cannot be deleted, and says why", async () => {
  await customersScreen();
  const { domains, users } = await sandbox();
  const owner = users.find((u) => domains.some((d) => d.user_id === u.userId));
  const row = await browser.$(`[data-testid="customer-row"][data-customer-id="${owner.userId}"]`);
  await press(browser, await row.$('[data-testid="delete-customer"]'));
  const banner = await byTestId(browser, "screen-error");
  await waitForText(banner, "still belong to this customer");
  const state = await sandbox();
  const domainCount = state.domains.filter((d) => d.user_id === owner.userId).length;
  const mailboxCount = Object.values(state.mailboxes).filter((m) => m.user_id === owner.userId).length;
  const text = await banner.getText();
  assert.ok(
    text.includes(`${domainCount} domains and ${mailboxCount} mailboxes still belong to this customer`),
    `the banner names the counts (${domainCount} domains, ${mailboxCount} mailboxes): ${text}`,
  );
  assert.ok(state.users.some((u) => u.email === owner.email), "nothing deleted");
});

test("Open shows the customer's page: what they hold, what it costs, and links that keep the customer chosen; the list then counts what was read; a duplicate is named before saving", async () => {
  await customersScreen();
  const { domains, users } = await sandbox();
  const owner = users.find((u) => domains.some((d) => d.user_id === u.userId));
  let row = await browser.$(`[data-testid="customer-row"][data-customer-id="${owner.userId}"]`);
  await press(browser, await row.$('[data-testid="open-customer"]'));
  const page = await byTestId(browser, "customer-page");
  assert.equal(await page.getAttribute("data-customer-id"), owner.userId);
  const domainCount = domains.filter((d) => d.user_id === owner.userId).length;
  await waitForText(await byTestId(browser, "customer-page-domain-count"), String(domainCount));
  const monthly = await byTestId(browser, "customer-page-monthly");
  assert.match(await monthly.getText(), /\$[\d,]+\.\d\d a month in seats|Monthly cost not known/);
  // The sidebar's switcher follows the page, so every screen opens on this customer.
  assert.equal(await currentCustomer(browser), owner.userId);
  await screenshot(browser, "customer-page");
  await press(browser, "customer-page-open-domains");
  await byTestId(browser, "domains-screen");
  assert.equal(await currentCustomer(browser), owner.userId);
  await waitForText(await byTestId(browser, "customer-context"), owner.company || owner.email);

  await customersScreen();
  row = await browser.$(`[data-testid="customer-row"][data-customer-id="${owner.userId}"]`);
  await waitForText(await row.$('[data-testid="customer-domains"]'), String(domainCount));
  await screenshot(browser, "customers-counts");

  await press(browser, "add-customer");
  await fill(browser, "#customer-email", owner.email.toUpperCase());
  const warning = await byTestId(browser, "duplicate-warning");
  await waitForText(warning, "already exists");
  await waitForText(warning, owner.company || owner.userId);
  await screenshot(browser, "customers-duplicate-warning");
});

test("the list sorts by a column heading, both ways", async () => {
  await customersScreen();
  const emails = async () => {
    const out = [];
    for (const r of await browser.$$('[data-testid="customer-row"]')) out.push(await r.getAttribute("data-email"));
    return out;
  };
  await press(browser, "sort-email");
  const ascending = await emails();
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" })));
  await press(browser, "sort-email");
  assert.deepEqual(await emails(), [...ascending].reverse());
  const heading = await browser.$('th[aria-sort="descending"]');
  assert.ok(await heading.isExisting(), "the heading says how the list is sorted");
});

test("the sidebar's switcher finds a customer by typing and every screen follows it", async () => {
  const { users } = await sandbox();
  await open("domains");
  await byTestId(browser, "domains-screen");
  const before = await waitForCustomer(browser);
  const other = users.find((u) => u.userId !== before && u.company);
  await press(browser, "customer-switcher");
  // Part of the company name, typed: the list narrows, arrows and Enter choose.
  await fill(browser, '[data-testid="customer-switcher-search"]', other.company.slice(0, 6));
  const match = await browser.$(`[data-testid="customer-option"][data-customer-id="${other.userId}"]`);
  await match.waitForDisplayed({ timeout: 10_000 });
  const options = await browser.$$('[data-testid="customer-option"]');
  const ids = [];
  for (const o of options) ids.push(await o.getAttribute("data-customer-id"));
  const index = ids.indexOf(other.userId);
  for (let i = 0; i < index; i++) await browser.keys(["ArrowDown"]);
  const chosen = await browser.$(`[data-testid="customer-option"][data-customer-id="${other.userId}"]`);
  await browser.waitUntil(async () => (await chosen.getAttribute("class")).includes("active"), { timeout: 5_000, timeoutMsg: "the arrows reach the match" });
  await screenshot(browser, "customer-switcher-open");
  await browser.keys(["Enter"]);
  await browser.waitUntil(async () => (await currentCustomer(browser)) === other.userId, { timeout: 10_000, timeoutMsg: "Enter chose the customer" });
  await waitForText(await byTestId(browser, "customer-context"), other.company);
  // Another screen opens on the same customer.
  await open("subscriptions");
  await waitForText(await byTestId(browser, "customer-context"), other.company);
  assert.equal(await currentCustomer(browser), other.userId);
});

test("deleting the new customer asks first, then removes it at CMR", async () => {
  // A new customer of its own, made at CMR directly: adding one is the test above.
  const email = "billing@northwind-e2e.com";
  await createCustomerAtCmr({ email, company: "Northwind Billing", firstName: "Nina", lastName: "Berg" });
  await customersScreen();
  await deleteCustomer(email, "Northwind Billing");
  assert.ok(!(await sandbox()).users.some((u) => u.email === email), "gone at CMR");
});

test("activity shows both changes, and the audit log exports as CSV", async () => {
  // Both changes made here through the window, so the log holds them whatever ran before.
  const email = "audit@northwind-e2e.com";
  await open("customers");
  await press(browser, "add-customer");
  await fillNewCustomer(email, "Northwind Audit");
  await press(browser, "customer-save");
  await waitForText(await byTestId(browser, "notice"), "Added the customer");
  await deleteCustomer(email, "Northwind Audit");
  assert.ok(!(await sandbox()).users.some((u) => u.email === email), "added and deleted at CMR");
  await open("activity");
  await byTestId(browser, "activity-screen");
  await browser.$('[data-testid="action-row"][data-operation="create_user"]').waitForDisplayed({ timeout: 10_000 });
  await screenshot(browser, "activity-actions");
  await press(browser, "tab-audit");
  await browser.$('[data-testid="audit-row"][data-operation="delete_user"]').waitForDisplayed({ timeout: 10_000 });
  await screenshot(browser, "activity-audit");
  await press(browser, "audit-export");
  const csv = await byTestId(browser, "audit-csv");
  const text = await csv.getValue();
  assert.match(text, /create_user/);
  assert.match(text, /delete_user/);
  assert.ok(!text.includes(process.env.CMR_DESK_DEMO_KEY), "no key in the export");
});
