// DMARC exclusions in the real window, on the Demo sandbox, as the PUT /dns seed has them:
// excluding a tag in the builder takes it out of the record and CMR keeps the exclusion; an
// edit of the policy alone keeps it (the field is omitted); Clear exclusions sends [] and the
// tag comes back. At each step the builder's preview is what the sandbox then stores.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, fill, launchApp, openDns, press, sandboxApi, sandboxData, screenshot, values, waitForText } from "../lib/app.mjs";

let browser;
/** The customer and domain the DNS screen opens on (read once, then chosen again each time). */
let customer;
let domain;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** DNS afresh on the customer and domain, its records listed. */
async function dnsScreen() {
  ({ customer, domain } = await openDns(browser, { customer, domain }));
}

/**
 * Has CMR hold the DMARC record with ruf excluded (`PUT /dns` with `excludedDMARCtags`), as
 * the unticking test leaves it, for a test that starts from there.
 */
async function rufExcludedAtCmr() {
  const r = await dmarcRecord();
  const value = r.value.split(/;\s*/).filter((tag) => tag && !tag.startsWith("ruf=")).join("; ");
  await sandboxApi("PUT", `/dns?userId=${encodeURIComponent(customer)}`, {
    recordId: r.id,
    domain,
    host: r.host,
    value,
    recordType: "TXT",
    excludedDMARCtags: ["ruf"],
  });
  const now = await dmarcRecord();
  assert.ok(!now.value.includes("ruf="), now.value);
  assert.deepEqual(now.excluded_dmarc_tags, ["ruf"]);
}

/** The sandbox's DMARC record of the chosen domain: value and stored exclusions. */
async function dmarcRecord() {
  const d = values((await sandboxData()).domains).find((x) => x.name === domain && x.user_id === customer);
  assert.ok(d, `the sandbox holds ${domain}`);
  const r = d.dns.find((x) => x.host === "_dmarc");
  assert.ok(r, "the domain has a DMARC record");
  return r;
}

async function openDmarc() {
  await fill(browser, "#dns-search", "_dmarc");
  const row = await browser.$('[data-testid="dns-row"][data-host="_dmarc"]');
  await row.waitForDisplayed({ timeout: 10_000 });
  await press(browser, await row.$('[data-testid="dns-edit"]'));
  await byTestId(browser, "dmarc-builder");
}

const valueField = async () => (await browser.$("#dns-value")).getValue();
const preview = async () => (await byTestId(browser, "dmarc-preview")).getText();

/** Saves the form into the plan, applies it and waits for the verified report. */
async function apply(name) {
  await press(browser, "dns-form-save");
  await byTestId(browser, "dns-pending");
  await press(browser, "dns-review");
  await byTestId(browser, "plan-diff");
  await press(browser, "plan-apply");
  await waitForText(await byTestId(browser, "plan-report"), "verified", 30_000);
  await screenshot(browser, name);
  await press(browser, "plan-close");
}

test("the builder opens on what CMR publishes", async () => {
  await dnsScreen();
  const stored = await dmarcRecord();
  assert.match(stored.value, /p=none/);
  assert.match(stored.value, /ruf=/);

  await openDmarc();
  assert.equal(await valueField(), stored.value);
  await browser.waitUntil(async () => (await (await browser.$("#dmarc-policy")).getValue()) === "none", { timeout: 5_000, timeoutMsg: "Policy shows none" });
  assert.equal(await (await byTestId(browser, "dmarc-tag-ruf")).isSelected(), true, "ruf is published");
  await browser.waitUntil(async () => (await preview()) === stored.value, { timeout: 5_000, timeoutMsg: "the preview is the stored value" });
  await screenshot(browser, "dmarc-opened");
});

test("unticking ruf takes it out of the record and CMR keeps the exclusion", async () => {
  await dnsScreen();
  await openDmarc();
  await browser.waitUntil(async () => (await (await byTestId(browser, "dmarc-tag-ruf")).isSelected()), { timeout: 5_000, timeoutMsg: "ruf shows as published" });
  await press(browser, "dmarc-tag-ruf");
  await browser.waitUntil(async () => !(await valueField()).includes("ruf="), { timeout: 5_000, timeoutMsg: "ruf leaves the value" });
  await browser.waitUntil(async () => !(await preview()).includes("ruf="), { timeout: 5_000, timeoutMsg: "ruf leaves the preview" });
  await waitForText(await byTestId(browser, "dmarc-exclusions"), "Exclusions will be: ruf");
  const shown = await preview();
  await screenshot(browser, "dmarc-ruf-excluded");
  await apply("dmarc-ruf-applied");

  const r = await dmarcRecord();
  assert.ok(!r.value.includes("ruf="), r.value);
  assert.deepEqual(r.excluded_dmarc_tags, ["ruf"]);
  assert.equal(r.value, shown, "the preview was what CMR stores");
});

test("editing only the policy keeps the exclusion", async () => {
  await dnsScreen();
  await rufExcludedAtCmr();
  await dnsScreen(); // read again: the records now hold the exclusion
  await openDmarc();
  const ruf = await byTestId(browser, "dmarc-tag-ruf");
  await browser.waitUntil(async () => !(await ruf.isSelected()), { timeout: 5_000, timeoutMsg: "ruf shows as excluded" });
  await waitForText(await byTestId(browser, "dmarc-exclusions"), "kept as CMR holds them: ruf");
  await (await browser.$("#dmarc-policy")).selectByAttribute("value", "reject");
  await browser.waitUntil(async () => (await valueField()).includes("p=reject"), { timeout: 5_000, timeoutMsg: "the policy is written" });
  await browser.waitUntil(async () => (await preview()).includes("p=reject"), { timeout: 5_000, timeoutMsg: "the preview follows" });
  const shown = await preview();
  assert.ok(!shown.includes("ruf="), shown);
  await screenshot(browser, "dmarc-policy-edited");
  await apply("dmarc-policy-applied");

  const r = await dmarcRecord();
  assert.match(r.value, /p=reject/);
  assert.deepEqual(r.excluded_dmarc_tags, ["ruf"], "an omitted list keeps the exclusion");
  assert.equal(r.value, shown);
});

test("Clear exclusions brings the tag back", async () => {
  await dnsScreen();
  await rufExcludedAtCmr();
  await dnsScreen(); // read again: the records now hold the exclusion
  await openDmarc();
  await press(browser, "dmarc-clear-exclusions");
  await waitForText(await byTestId(browser, "dmarc-exclusions"), "Exclusions will be cleared");
  await browser.waitUntil(async () => (await preview()).includes("ruf=mailto:"), { timeout: 5_000, timeoutMsg: "ruf comes back in the preview" });
  const shown = await preview();
  await screenshot(browser, "dmarc-cleared");
  await apply("dmarc-cleared-applied");

  const r = await dmarcRecord();
  assert.match(r.value, /ruf=mailto:/);
  assert.deepEqual(r.excluded_dmarc_tags, []);
  assert.equal(r.value, shown);
});
