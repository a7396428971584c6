// Exports in the real window, on the Demo sandbox: a rejected platform login is marked on the
// form and nothing is stored; a good one is connected; mailboxes are selected and exported
// with per-mailbox progress, and the sandbox records the exports.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, chooseCustomer, currentCustomer, fill, launchApp, openArea, press, sandboxApi, sandboxEvents, sandboxState, screenshot, waitForCustomer, waitForText } from "../lib/app.mjs";

const LOGIN = "e2e-outbound@agency.example";
let browser;
/** The customer the Exports screen opens on (read once, then chosen again each time). */
let customer;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** Exports afresh on the customer, its credentials read from CMR. */
async function exportsScreen() {
  await openArea(browser, "exports");
  await byTestId(browser, "exports-screen");
  await waitForCustomer(browser);
  if (customer) await chooseCustomer(browser, customer);
  await byTestId(browser, "credentials-table");
  customer = await currentCustomer(browser);
}

/** The add-credential form with a Smartlead login filled in, short of its password. */
async function credentialForm() {
  await press(browser, "cred-add");
  await (await byTestId(browser, "cred-app")).selectByAttribute("value", "SMARTLEAD");
  await fill(browser, "#cred-email", LOGIN);
}

async function credentialsOf(email) {
  const state = (await sandboxState()).data;
  return Object.values(state.credentials).filter((c) => c.user_id === customer && c.email === email);
}

test("the Exports screen lists the customer's platform credentials", async () => {
  await exportsScreen();
  const state = (await sandboxState()).data;
  const stored = Object.values(state.credentials).filter((c) => c.user_id === customer);
  await browser.waitUntil(async () => (await browser.$$('[data-testid="credential-row"]')).length === stored.length, {
    timeout: 10_000,
    timeoutMsg: "one row per stored credential",
  });
  await screenshot(browser, "exports-credentials");
});

test("a login the platform rejects is marked on the password and nothing is stored", async () => {
  await exportsScreen();
  await credentialForm();
  await fill(browser, "#cred-password", "invalid-password-1");
  await press(browser, "cred-save");
  await waitForText(await byTestId(browser, "cred-password-error"), "rejected the credentials");
  await waitForText(await byTestId(browser, "credential-form-error"), "did not accept");
  await screenshot(browser, "exports-credential-rejected");
  assert.equal((await credentialsOf(LOGIN)).length, 0, "no credential stored");
});

test("a good login is connected and stored", async () => {
  await exportsScreen();
  await credentialForm();
  await fill(browser, "#cred-password", "good-password-123");
  await press(browser, "cred-save");
  await waitForText(await byTestId(browser, "credentials-notice"), `${LOGIN} is connected`);
  const row = await browser.$(`[data-testid="credential-row"][data-email="${LOGIN}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  const stored = await credentialsOf(LOGIN);
  assert.equal(stored.length, 1, "the credential exists in the sandbox");
  assert.equal(String(stored[0].platform).toUpperCase(), "SMARTLEAD");
  assert.equal(await row.getAttribute("data-credential-id"), stored[0].id);
  await screenshot(browser, "exports-credential-added");
});

test("selected mailboxes are exported with per-mailbox progress and recorded by the sandbox", async () => {
  await exportsScreen();
  // A Smartlead login of its own, connected at CMR directly (connecting one is tested above).
  const { credentialId } = await sandboxApi("POST", `/exports/platform-credential?userId=${encodeURIComponent(customer)}`, {
    app: "SMARTLEAD",
    credentials: { email: "e2e-export@agency.example", password: "good-password-123" },
  });
  await exportsScreen(); // read again: the new login is among the targets
  await press(browser, "exports-tab-export");
  await (await byTestId(browser, "export-target")).selectByAttribute("value", credentialId);
  await (await byTestId(browser, "export-status")).selectByAttribute("value", "exportable");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="export-row"]')).length > 0, { timeout: 10_000, timeoutMsg: "mailboxes listed" });
  const domain = await (await byTestId(browser, "export-domain")).$("option:nth-child(2)").getAttribute("value");
  await (await byTestId(browser, "export-domain")).selectByAttribute("value", domain);
  const ids = [];
  for (const r of await browser.$$('[data-testid="export-row"]')) ids.push(await r.getAttribute("data-mailbox-id"));
  assert.ok(ids.length > 0, "active mailboxes on the domain");
  await press(browser, "export-select-all");
  await waitForText(await byTestId(browser, "export-selected-count"), `${ids.length} mailbox${ids.length === 1 ? "" : "es"} selected`);
  await screenshot(browser, "exports-selected");

  await press(browser, "export-start");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "export-progress"), `${ids.length} of ${ids.length} sent`, 30_000);
  await browser.waitUntil(
    async () => (await browser.$$('[data-testid="export-item-state"]')).length === ids.length,
    { timeout: 10_000, timeoutMsg: "a state per mailbox" },
  );
  for (const state of await browser.$$('[data-testid="export-item-state"]')) {
    assert.equal(await state.getText(), "Queued at CMR");
  }
  await screenshot(browser, "exports-progress");

  // The sandbox marks each mailbox busy while exporting, then emits mailbox.exported.
  await browser.waitUntil(
    async () => {
      const done = (await sandboxEvents("mailbox.exported")).filter((e) => e.data.platform === "SMARTLEAD").map((e) => e.data.mailboxId);
      return ids.every((id) => done.includes(id));
    },
    { timeout: 40_000, interval: 500, timeoutMsg: "the sandbox exported every mailbox" },
  );
});

test("one mailbox is re-exported by OAuth", async () => {
  await exportsScreen();
  await press(browser, "exports-tab-export");
  await (await byTestId(browser, "export-status")).selectByAttribute("value", "exportable");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="export-row"]')).length > 0, { timeout: 10_000, timeoutMsg: "mailboxes listed" });
  const row = await browser.$('[data-testid="export-row"]');
  const before = (await sandboxEvents("mailbox.exported")).length;
  await press(browser, await row.$('[data-testid="export-reexport"]'));
  await byTestId(browser, "reexport-dialog");
  await fill(browser, "#reexport-route", "https://app.platform.example/oauth/google");
  await press(browser, "reexport-send");
  await waitForText(await byTestId(browser, "export-notice"), "is queued");
  await screenshot(browser, "exports-reexport");
  await browser.waitUntil(async () => (await sandboxEvents("mailbox.exported")).length > before, {
    timeout: 40_000,
    interval: 500,
    timeoutMsg: "the sandbox re-exported the mailbox",
  });
});
