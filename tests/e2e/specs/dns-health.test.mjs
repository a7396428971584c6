// Live DNS in the real window: the Demo's zones are served by a name server on loopback (the
// sandbox publishes what CMR holds), so a check asks real DNS without leaving the machine. A
// record added through the editor shows "published" after "Verify propagation"; a record
// changed at CMR while publishing is held shows "different", with what the world still sees;
// the Overview lists the domain with a problem and opens DNS on it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, fill, holdDnsPublishing, launchApp, openArea, openDns, press, sandboxApi, sandboxState, screenshot, waitForText } from "../lib/app.mjs";

let browser;
let customer;
let domain;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await holdDnsPublishing(false).catch(() => {});
  await browser?.deleteSession().catch(() => {});
});

async function record(host, rtype) {
  const state = (await sandboxState()).data;
  const d = Object.values(state.domains).find((x) => x.name === domain && x.user_id === customer);
  return d.dns.find((r) => r.host === host && String(r.rtype).toUpperCase() === rtype);
}

async function liveDns() {
  ({ customer, domain } = await openDns(browser, { customer, domain }));
  await press(browser, "dns-tab-health");
  await byTestId(browser, "dns-health");
}

async function checkNow() {
  const before = await browser.$('[data-testid="dns-health-age"]').isExisting() ? await (await browser.$('[data-testid="dns-health-age"]')).getText() : "";
  await press(browser, "dns-health-check");
  await browser.waitUntil(async () => (await (await browser.$('[data-testid="dns-health-check"]')).getText()) === "Check live DNS", { timeout: 30_000, timeoutMsg: "the check ends" });
  return before;
}

const stateOf = (host, type) =>
  browser.execute((h, t) => document.querySelector(`[data-testid="dns-health-record"][data-host="${h}"][data-type="${t}"]`)?.dataset.state ?? null, host, type);

test("a Demo domain's records are published: the loopback name server answers what CMR holds", async () => {
  await liveDns();
  await checkNow();
  const rows = await browser.$$('[data-testid="dns-health-record"]');
  assert.ok(rows.length > 0, "every held record is listed");
  const states = await browser.execute(() => [...document.querySelectorAll('[data-testid="dns-health-record"]')].map((r) => r.dataset.state));
  assert.ok(states.every((s) => s === "published"), `all published: ${states}`);
  await byTestId(browser, "dns-health-age");
  await screenshot(browser, "dns-health");
});

test("a change applied through the editor is published once verified", async () => {
  await openDns(browser, { customer, domain });
  await press(browser, "dns-add");
  await byTestId(browser, "dns-record-form");
  await (await browser.$("#dns-type")).selectByAttribute("value", "TXT");
  await fill(browser, "#dns-host", "health-e2e");
  await fill(browser, "#dns-value", "health-check=one");
  await press(browser, "dns-form-save");
  await press(browser, "dns-review");
  await press(browser, "plan-apply");
  await waitForText(await byTestId(browser, "plan-report"), "verified", 30_000);
  await press(browser, "plan-close");
  await press(browser, "dns-verify-propagation");
  await byTestId(browser, "dns-health");
  await browser.waitUntil(async () => (await stateOf("health-e2e", "TXT")) === "published", { timeout: 30_000, timeoutMsg: "the new TXT record is published" });
});

test("a record changed only at CMR shows as different, with what the world still sees", async () => {
  await holdDnsPublishing(true);
  const r = await record("health-e2e", "TXT");
  assert.ok(r, "the record added above is at CMR");
  await sandboxApi("PUT", `/dns?userId=${encodeURIComponent(customer)}`, { recordId: r.id, domain, host: "health-e2e", value: "health-check=two", recordType: "TXT" });
  await liveDns();
  await checkNow();
  await browser.waitUntil(async () => (await stateOf("health-e2e", "TXT")) === "different", { timeout: 10_000, timeoutMsg: "the changed record differs" });
  const row = await browser.$('[data-testid="dns-health-record"][data-host="health-e2e"][data-type="TXT"]');
  await waitForText(row, "health-check=one");
  await screenshot(browser, "dns-health-different");

  // The Overview lists the domain, and opens DNS on it.
  await openArea(browser, "overview");
  const problem = await browser.$(`[data-testid="overview-health-problem"][data-domain="${domain}"]`);
  await problem.waitForDisplayed({ timeout: 15_000 });
  await press(browser, await problem.$("button"));
  await byTestId(browser, "dns-screen");
  await browser.waitUntil(async () => (await (await browser.$('[data-testid="dns-domain"]')).getValue()) === domain, { timeout: 15_000, timeoutMsg: "DNS opens on the domain" });

  // Published at last: the check agrees again.
  await holdDnsPublishing(false);
  await press(browser, "dns-tab-health");
  await checkNow();
  await browser.waitUntil(async () => (await stateOf("health-e2e", "TXT")) === "published", { timeout: 10_000, timeoutMsg: "published after release" });
});
