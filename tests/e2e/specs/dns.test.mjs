// DNS editor in the real window, on the Demo sandbox: a bad value is stopped on its field,
// edits become a plan shown as a diff, applied and verified; the Microsoft 365 template on a
// domain whose mailboxes are on Google (named as breaking their mail, applied only after an
// explicit confirmation); the zone exported as a BIND file.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, fill, launchApp, openDns, press, sandboxApi, sandboxState, screenshot, waitForText } from "../lib/app.mjs";

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

async function zone() {
  const state = (await sandboxState()).data;
  const d = Object.values(state.domains).find((x) => x.name === domain && x.user_id === customer);
  assert.ok(d, `the sandbox holds ${domain}`);
  return d.dns.map((r) => ({ ...r, rtype: String(r.rtype).toUpperCase() }));
}

test("the DNS screen lists a domain's records with the lint panel", async () => {
  await dnsScreen();
  assert.ok(customer && domain, "a customer and a domain are chosen");
  const rows = await browser.$$('[data-testid="dns-row"]');
  assert.equal(rows.length, Math.min((await zone()).length, rows.length));
  await byTestId(browser, "dns-lint-summary");
  await screenshot(browser, "dns-records");
});

test("an invalid value is marked on its field and nothing is sent", async () => {
  await dnsScreen();
  const before = await zone();
  await press(browser, "dns-add");
  await byTestId(browser, "dns-record-form");
  await fill(browser, "#dns-host", "bad-e2e");
  await fill(browser, "#dns-value", "999.1.2.3");
  await press(browser, "dns-form-save");
  await waitForText(await byTestId(browser, "dns-value-error"), "IPv4 address");
  assert.equal(await (await browser.$("#dns-value")).getAttribute("aria-invalid"), "true");
  await screenshot(browser, "dns-invalid-value");
  const afterState = await zone();
  assert.equal(afterState.length, before.length, "nothing reached CMR");
  assert.ok(!afterState.some((r) => r.host === "bad-e2e"));
  assert.equal((await browser.$$('[data-testid="dns-pending"]')).length, 0, "nothing joined the plan");
});

test("edits become a plan shown as a diff, applied and verified by a fresh read", async () => {
  await dnsScreen();
  await press(browser, "dns-add");
  await byTestId(browser, "dns-record-form");
  await fill(browser, "#dns-host", "e2e");
  await fill(browser, "#dns-value", "192.0.2.55");
  await press(browser, "dns-form-save");
  await waitForText(await byTestId(browser, "dns-pending"), "Add e2e A 192.0.2.55");

  await press(browser, "dns-add");
  await (await browser.$("#dns-type")).selectByAttribute("value", "TXT");
  await fill(browser, "#dns-host", "e2e");
  await fill(browser, "#dns-value", "e2e-verification=abc123");
  await press(browser, "dns-form-save");
  await waitForText(await byTestId(browser, "dns-pending"), "Pending changes (2)");
  await screenshot(browser, "dns-pending");

  await press(browser, "dns-review");
  const diff = await byTestId(browser, "plan-diff");
  await waitForText(diff, "+ e2e A 192.0.2.55");
  await waitForText(diff, "+ e2e TXT e2e-verification=abc123");
  await waitForText(await byTestId(browser, "plan-summary"), "2 to add");
  await screenshot(browser, "dns-plan-diff");
  assert.ok(!(await zone()).some((r) => r.host === "e2e"), "reviewing sends nothing");

  await press(browser, "plan-apply");
  await waitForText(await byTestId(browser, "plan-report"), "verified", 30_000);
  await screenshot(browser, "dns-plan-applied");
  await press(browser, "plan-close");

  const records = await zone();
  assert.ok(records.some((r) => r.host === "e2e" && r.rtype === "A" && r.value === "192.0.2.55"), "the A record is in the sandbox");
  assert.ok(records.some((r) => r.host === "e2e" && r.rtype === "TXT" && r.value.includes("e2e-verification=abc123")));
  await browser.$('[data-testid="dns-row"][data-host="e2e"]').waitForExist({ timeout: 10_000 });
});

test("the DMARC builder lists CMR's default tags and leaves out the ones excluded", async () => {
  await dnsScreen();
  await press(browser, "dns-add");
  await (await browser.$("#dns-type")).selectByAttribute("value", "TXT");
  await fill(browser, "#dns-host", "_dmarc");
  await byTestId(browser, "dmarc-builder");
  await press(browser, "dmarc-build");
  await browser.waitUntil(async () => (await (await browser.$("#dns-value")).getValue()) === "v=DMARC1; p=quarantine", {
    timeout: 5_000,
    timeoutMsg: "the builder writes the value",
  });
  await waitForText(await byTestId(browser, "dmarc-preview"), "rua=mailto:");
  await press(browser, "dmarc-tag-rua");
  const preview = await byTestId(browser, "dmarc-preview");
  await browser.waitUntil(async () => !(await preview.getText()).includes("rua="), { timeout: 5_000, timeoutMsg: "rua left out" });
  assert.ok((await preview.getText()).includes("ruf=mailto:"), "other default tags stay");
  await screenshot(browser, "dns-dmarc-builder");
  await press(browser, "dns-form-cancel");
});

test("the Microsoft 365 template is applied to a domain with a result per domain", async () => {
  await dnsScreen();
  await press(browser, "dns-tab-template");
  const row = await browser.$(`[data-testid="template-domain"][data-domain="${domain}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  await press(browser, await row.$("input"));
  // The template starts on the provider of the chosen domain.
  const state = (await sandboxState()).data;
  const provider = Object.values(state.domains).find((x) => x.name === domain && x.user_id === customer).provider;
  const fitting = provider === "MICROSOFT" ? "template-microsoft" : "template-google";
  assert.equal(await (await byTestId(browser, fitting)).isSelected(), true, `the ${provider} template is chosen first`);
  const onGoogle = Object.values(state.mailboxes).filter((m) => m.domain === domain && m.provider === "GOOGLE").length;

  await press(browser, "template-microsoft");
  await press(browser, "template-plan");
  await waitForText(await byTestId(browser, "template-progress"), "0 of 1 domain done", 15_000);
  await screenshot(browser, "dns-template-planned");
  // The Demo's first domain has mailboxes on Google: Microsoft's MX would leave them without
  // mail. Named, and Apply waits for an explicit confirmation.
  assert.ok(onGoogle > 0, `the Demo's ${domain} holds mailboxes on Google`);
  {
    const warning = await byTestId(browser, "template-mismatch");
    await waitForText(warning, `${onGoogle} mailbox${onGoogle === 1 ? "" : "es"} on ${domain}`);
    await waitForText(warning, "stop receiving mail");
    assert.equal(await (await byTestId(browser, "template-apply")).isEnabled(), false, "Apply waits for the confirmation");
    await waitForText(await byTestId(browser, "template-apply-why"), "Google Workspace template");
    await screenshot(browser, "dns-template-mismatch");
    await press(browser, "template-mismatch-ack");
  }
  await press(browser, "template-apply");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "template-progress"), "1 of 1 domain done", 30_000);
  await waitForText(await row.$('[data-testid="template-state"]'), "Done");
  await screenshot(browser, "dns-template-applied");
  const mx = (await zone()).filter((r) => r.rtype === "MX");
  assert.equal(mx.length, 1, "the MX set is replaced");
  assert.match(mx[0].value, /\.mail\.protection\.outlook\.com$/, "the MX is Microsoft's");
  assert.ok((await zone()).some((r) => r.host === "autodiscover" && r.rtype === "CNAME"));
});

test("the zone exports as a BIND file", async () => {
  await dnsScreen();
  // A record of its own, added at CMR directly (adding through the window is tested above).
  await sandboxApi("POST", `/dns?userId=${encodeURIComponent(customer)}`, {
    domain,
    records: [{ host: "zone-e2e", value: "192.0.2.55", recordType: "A" }],
  });
  await press(browser, "dns-tab-zone");
  await press(browser, "zone-export");
  const text = await byTestId(browser, "zone-exported");
  await browser.waitUntil(async () => (await text.getValue()).includes(`$ORIGIN ${domain}.`), { timeout: 10_000 });
  assert.ok((await text.getValue()).includes("192.0.2.55"));
  assert.match(await text.getValue(), /^zone-e2e\b.*\bA\b.*192\.0\.2\.55/m, "the record added at CMR is in the file");
  await screenshot(browser, "dns-zone-export");
});
