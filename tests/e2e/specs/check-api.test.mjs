// Settings → Profiles → Check API on the Demo profile: every read-only operation is called
// once, each answer matches the app's API contract, and the report copies as Markdown.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, launchApp, press, screenshot, waitForText } from "../lib/app.mjs";

let browser;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("Check API lists every read of the Demo profile as OK", async () => {
  await press(browser, "nav-settings");
  await byTestId(browser, "profiles-screen");
  const demo = await browser.$('[data-testid="profile-row"][data-profile-name="Demo"]');
  await demo.waitForDisplayed({ timeout: 10_000 });
  await press(browser, await demo.$('[data-testid="check-api"]'));

  await byTestId(browser, "check-api-panel");
  // 24 reads at the shared 5 requests/s: a few seconds.
  const table = await byTestId(browser, "check-api-table");
  await browser.waitUntil(async () => !(await (await browser.$('[data-testid="check-api-busy"]')).isExisting()), {
    timeout: 30_000,
    timeoutMsg: "the check did not finish",
  });
  const rows = await table.$$('[data-testid="check-api-row"]');
  assert.equal(rows.length, 24, "every read-only operation of the endpoint table is listed");
  const outcomes = {};
  for (const row of rows) outcomes[await row.getAttribute("data-operation")] = await row.getAttribute("data-outcome");
  const notOk = Object.entries(outcomes).filter(([, o]) => o !== "ok");
  assert.deepEqual(notOk, [], "every operation answers as the contract says");
  for (const id of ["listUsers", "getDnsRecords", "getOrderStatus", "getWalletDetails", "getPlatformWorkspaces"]) {
    assert.equal(outcomes[id], "ok", id);
  }
  await waitForText(await byTestId(browser, "check-api-summary"), "24 OK, 0 path not found, 0 shape differs, 0 refused, 0 skipped");
  await waitForText(await byTestId(browser, "check-api-no-overrides"), "None");
  const wallet = await browser.$('[data-testid="check-api-row"][data-operation="getWalletDetails"]');
  assert.match(await wallet.getText(), /guessed/, "guessed paths are marked");

  await press(browser, "check-api-copy");
  await waitForText(await byTestId(browser, "check-api-copied"), "Markdown");
  const copied = await (await byTestId(browser, "check-api-copied")).getText();
  assert.ok(copied.startsWith("Copied") || copied.startsWith("Could not reach the clipboard"), copied);
  // Kept in a closed <details>: read, not shown.
  const markdown = await (await browser.$('[data-testid="check-api-markdown"]')).getValue();
  assert.match(markdown, /^# CMR API check/);
  assert.match(markdown, /\| getDnsRecords \| GET \| `\/dns` \| OK \| 200 \|/);
  await screenshot(browser, "settings-check-api");
});
