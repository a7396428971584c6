// Settings → Profiles in the real window, with the real Secret Service keychain.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, filesContaining, fill, keychainLookup, launchApp, openArea, press, sandboxState, screenshot, waitForText } from "../lib/app.mjs";

const KEY = "cmr_e2e_partner_key_5f3a9c0d77ab12";
const NEW_KEY = "cmr_e2e_partner_key_rotated_00019xyz";
const SANDBOX_KEY = "cmr_e2e_sandbox_key_77c1d0e4ab12";
const OWN_ROWS = '[data-testid="profile-row"][data-demo="false"]';
let browser;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** Settings → Profiles afresh, its list shown (the Demo profile is always there). */
async function openProfiles() {
  await openArea(browser, "settings");
  const screen = await byTestId(browser, "profiles-screen");
  await rowNamed("Demo");
  return screen;
}

/**
 * The "Agency North" profile: added through the form, with `key`, when the app holds none, so
 * a test that works on it does not need the test that adds it to have run first.
 */
async function agencyNorth(key) {
  await openProfiles();
  if (!(await browser.$('[data-testid="profile-row"][data-profile-name="Agency North"]').isExisting())) {
    await press(browser, "add-profile");
    await fill(browser, "#profile-name", "Agency North");
    await fill(browser, "#profile-base-url", "https://customers.coldmailreseller.com/api/v1/integration");
    await fill(browser, "#profile-key", key);
    await press(browser, "profile-save");
    await waitForText(await (await rowNamed("Agency North")).$('[data-testid="key-mask"]'), `Set, ends in …${key.slice(-4)}`);
  }
  return rowNamed("Agency North");
}

async function rowNamed(name) {
  const row = await browser.$(`[data-testid="profile-row"][data-profile-name="${name}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  return row;
}

test("the window opens as CMR Desk with its sidebar", async () => {
  assert.equal(await browser.getTitle(), "CMR Desk");
  const nav = await browser.$("nav[aria-label='Areas']");
  assert.ok(await nav.isDisplayed());
  await openProfiles();
  const demo = await rowNamed("Demo");
  assert.ok(await demo.$('[data-testid="active-badge"]').isDisplayed(), "with no key set, the Demo profile is active");
  assert.ok(await demo.$('[data-testid="demo-badge"]').isDisplayed());
  await waitForText(await byTestId(browser, "active-environment"), "Sample data");
  await screenshot(browser, "settings-profiles-start");
});

test("the Demo profile answers from the built-in sandbox", async () => {
  await openProfiles();
  await press(browser, await (await rowNamed("Demo")).$('[data-testid="check-connection"]'));
  await waitForText(await byTestId(browser, "notice"), "The Demo profile answers");
  // Every screen says it is the Demo, whatever a dialog's wording of money.
  await waitForText(await byTestId(browser, "demo-bar"), "nothing is charged");
  const state = await sandboxState();
  assert.ok(JSON.stringify(state).length > 1000, "the demo world is seeded");
});

test("bad input gets field-level messages and nothing is saved", async () => {
  await openProfiles();
  await press(browser, "add-profile");
  await fill(browser, "#profile-name", "");
  await fill(browser, "#profile-base-url", "http://customers.coldmailreseller.com/api");
  await fill(browser, "#profile-key", "");
  await press(browser, "profile-save");
  await waitForText(await byTestId(browser, "profile-name-error"), "Give the profile a name");
  await waitForText(await byTestId(browser, "profile-base-url-error"), "Use HTTPS");
  await waitForText(await byTestId(browser, "profile-key-error"), "API key");
  await screenshot(browser, "settings-profiles-invalid");
  assert.equal((await browser.$$(OWN_ROWS)).length, 0, "nothing saved");
});

test("a new profile stores its key in the keychain and shows only a mask", async () => {
  await openProfiles();
  await press(browser, "add-profile");
  await fill(browser, "#profile-name", "Agency North");
  await fill(browser, "#profile-base-url", "https://customers.coldmailreseller.com/api/v1/integration");
  await fill(browser, "#profile-key", KEY);
  await press(browser, "profile-save");

  const row = await rowNamed("Agency North");
  const mask = await row.$('[data-testid="key-mask"]');
  await waitForText(mask, "Set, ends in …ab12");
  const id = await row.getAttribute("data-profile-id");
  assert.equal(keychainLookup(id), KEY, "the key is in the Secret Service keychain");
  assert.ok(!(await browser.$("body").getText()).includes(KEY), "the key is never shown");
  // Saving a profile does not switch the app to it: the Demo stays active until the user says.
  await waitForText(await byTestId(browser, "notice"), "The app still works on Demo: choose Make active to use it.");
  assert.equal((await row.$$('[data-testid="active-badge"]')).length, 0, "the new profile is not active yet");
  await waitForText(await byTestId(browser, "active-profile"), "Demo");
  // A production account spends real money: switching to it asks first.
  await press(browser, await row.$('[data-testid="make-active"]'));
  const ask = await byTestId(browser, "confirm-dialog");
  await waitForText(ask, "a production account?");
  await waitForText(ask, "charged to its real wallet");
  await screenshot(browser, "settings-profiles-confirm-production");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), "“Agency North” is now active.");
  assert.ok(await (await rowNamed("Agency North")).$('[data-testid="active-badge"]').isDisplayed(), "the new profile is active");
  await waitForText(await byTestId(browser, "active-profile"), "Agency North");
  await waitForText(await byTestId(browser, "active-environment"), "Production — real charges");
  assert.deepEqual(filesContaining(KEY), [], "the key is in no file of the app");
  await screenshot(browser, "settings-profiles-created");
});

test("replacing the key goes through a dialog and updates keychain and mask", async () => {
  const row = await agencyNorth(KEY);
  const id = await row.getAttribute("data-profile-id");
  await press(browser, await row.$('[data-testid="replace-key"]'));
  await byTestId(browser, "key-dialog");
  await fill(browser, "#replace-key", "short key");
  await press(browser, "key-save");
  await waitForText(await byTestId(browser, "replace-key-error"), "no spaces");
  await fill(browser, "#replace-key", NEW_KEY);
  await press(browser, "key-save");
  await waitForText(await (await rowNamed("Agency North")).$('[data-testid="key-mask"]'), "Set, ends in …9xyz");
  assert.equal(keychainLookup(id), NEW_KEY);
});

test("the sandbox key is a second keychain entry: set and removed in Settings, shown only as a mask", async () => {
  const row = await agencyNorth(NEW_KEY);
  const id = await row.getAttribute("data-profile-id");
  await waitForText(await row.$('[data-testid="sandbox-key-mask"]'), "Not set");
  await press(browser, await row.$('[data-testid="set-sandbox-key"]'));
  await byTestId(browser, "sandbox-key-dialog");
  await fill(browser, "#replace-key", SANDBOX_KEY);
  await press(browser, "key-save");
  await waitForText(await (await rowNamed("Agency North")).$('[data-testid="sandbox-key-mask"]'), "Set, ends in …ab12");
  assert.equal(keychainLookup(id, ":sandbox"), SANDBOX_KEY);
  assert.equal(keychainLookup(id), NEW_KEY, "the partner key is untouched");
  await screenshot(browser, "settings-profiles-sandbox-key");
  await press(browser, await (await rowNamed("Agency North")).$('[data-testid="remove-sandbox-key"]'));
  await press(browser, "confirm-ok");
  await waitForText(await (await rowNamed("Agency North")).$('[data-testid="sandbox-key-mask"]'), "Not set");
  assert.equal(keychainLookup(id, ":sandbox"), null, "the sandbox entry is gone");
  assert.equal(keychainLookup(id), NEW_KEY);
});

test("after a restart the profile and its mask come back from disk and keychain", async () => {
  await agencyNorth(NEW_KEY);
  await browser.deleteSession();
  browser = await launchApp();
  await openProfiles();
  const row = await rowNamed("Agency North");
  await waitForText(await row.$('[data-testid="key-mask"]'), "Set, ends in …9xyz");
  assert.ok(await row.$('[data-testid="active-badge"]').isDisplayed(), "still the active profile");
  await screenshot(browser, "settings-profiles-after-restart");
});

test("deleting the profile asks first, then removes its keychain entry", async () => {
  const row = await agencyNorth(NEW_KEY);
  const id = await row.getAttribute("data-profile-id");
  await press(browser, await row.$('[data-testid="delete-profile"]'));
  await byTestId(browser, "confirm-dialog");
  await screenshot(browser, "settings-profiles-confirm-delete");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), "Deleted “Agency North”");
  assert.equal((await browser.$$(OWN_ROWS)).length, 0);
  assert.equal(keychainLookup(id), null, "the keychain entry is gone");
  await waitForText(await byTestId(browser, "active-profile"), "Demo");
  await screenshot(browser, "settings-profiles-empty");
});
