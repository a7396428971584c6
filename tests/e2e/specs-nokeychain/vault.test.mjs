// A computer with no Secret Service on the bus (scripts/test.sh runs this folder under a
// session bus that starts no services): the user chooses the encrypted vault, adds a profile
// whose key works against the app's sandbox, restarts, unlocks (a wrong passphrase first) and
// the key works again. Not part of `npm test` (specs/), which runs with a keychain.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { byTestId, fill, filesContaining, keychainLookup, launchApp, openArea, press, quitApp, screenshot, waitForText } from "../lib/app.mjs";

const PASSPHRASE = "granite lantern orbit seven";
// The app's Demo sandbox checks this key: a profile of the user's own pointed at it works only
// with the right key.
const KEY = process.env.CMR_DESK_DEMO_KEY;
const vaultFile = join(process.env.XDG_DATA_HOME, "com.cmrdesk.desktop", "keys.vault");
let browser;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** Settings → Profiles afresh (an unlock prompt still up is closed), its key storage shown. */
async function openProfiles() {
  await openArea(browser, "settings");
  const screen = await byTestId(browser, "profiles-screen");
  await rowNamed("Demo");
  await browser.waitUntil(
    async () =>
      (await browser.$('[data-testid="keychain-unavailable"]').isExisting()) ||
      (await browser.$('[data-testid="vault-status"]').isExisting()),
    { timeout: 10_000, timeoutMsg: "the key storage is shown" },
  );
  return screen;
}

async function rowNamed(name) {
  const row = await browser.$(`[data-testid="profile-row"][data-profile-name="${name}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  return row;
}

/** The add-profile form filled in for a profile "Vaulted" of the Demo's own sandbox, with KEY. */
async function fillVaultedProfile() {
  await press(browser, "add-profile");
  await fill(browser, "#profile-name", "Vaulted");
  await (await browser.$("#profile-environment")).selectByAttribute("value", "sandbox");
  const demoUrl = await (await (await rowNamed("Demo")).$("td.url")).getText();
  await fill(browser, "#profile-base-url", demoUrl);
  await fill(browser, "#profile-key", KEY);
}

/**
 * A vault unlocked for this run, on Settings → Profiles: created with PASSPHRASE when there is
 * none, unlocked when it is locked, so a test does not need the tests before it to have run.
 */
async function vaultUnlocked() {
  await openProfiles();
  const status = await browser.$('[data-testid="vault-status"]');
  if (!(await status.isExisting())) {
    await press(browser, "choose-vault");
    await byTestId(browser, "vault-dialog");
    await fill(browser, "#vault-passphrase", PASSPHRASE);
    await fill(browser, "#vault-repeat", PASSPHRASE);
    await press(browser, "vault-submit");
  } else if ((await status.getAttribute("data-state")) === "locked") {
    await press(browser, "vault-unlock");
    await fill(browser, "#vault-passphrase", PASSPHRASE);
    await press(browser, "vault-submit");
  }
  await waitForText(await byTestId(browser, "vault-status"), "unlocked for this run");
}

/** The "Vaulted" profile with its key in the unlocked vault: added when the app has none. */
async function vaultedProfile() {
  await vaultUnlocked();
  if (!(await browser.$('[data-testid="profile-row"][data-profile-name="Vaulted"]').isExisting())) {
    await fillVaultedProfile();
    await press(browser, "profile-save");
    await waitForText(await (await rowNamed("Vaulted")).$('[data-testid="key-mask"]'), "Set, ends in");
  }
  return rowNamed("Vaulted");
}

test("with no keychain the app says so, offers the vault, and saves nothing on its own", async () => {
  assert.ok(KEY, "run through scripts/e2e.sh, which fixes the Demo sandbox's key");
  await openProfiles();
  await waitForText(await byTestId(browser, "keychain-unavailable"), "The system keychain is not available");

  await fillVaultedProfile();
  await press(browser, "profile-save");
  await waitForText(await byTestId(browser, "form-error"), "keychain is not available");
  await screenshot(browser, "vault-keychain-unavailable");
  assert.equal(existsSync(vaultFile), false, "no vault until the user chooses one");
  assert.deepEqual(filesContaining(KEY), []);
});

test("the user creates a vault: the passphrase twice, with a length rule and a strength hint", async () => {
  await openProfiles();
  await press(browser, "choose-vault");
  await byTestId(browser, "vault-dialog");
  await fill(browser, "#vault-passphrase", "too short");
  await waitForText(await byTestId(browser, "vault-strength"), "Too short");
  await fill(browser, "#vault-repeat", "too short");
  await press(browser, "vault-submit");
  await waitForText(await byTestId(browser, "vault-passphrase-error"), "at least 12 characters");
  await fill(browser, "#vault-passphrase", PASSPHRASE);
  await waitForText(await byTestId(browser, "vault-strength"), "Good");
  await fill(browser, "#vault-repeat", PASSPHRASE.toUpperCase());
  await press(browser, "vault-submit");
  await waitForText(await byTestId(browser, "vault-repeat-error"), "differ");
  await fill(browser, "#vault-repeat", PASSPHRASE);
  await screenshot(browser, "vault-create");
  await press(browser, "vault-submit");
  const status = await byTestId(browser, "vault-status");
  await waitForText(status, "unlocked for this run");
  assert.ok(existsSync(vaultFile));
});

test("a profile added now keeps its key in the vault, and the key works", async () => {
  // With a vault unlocked, the profile that could not be saved without one (above) is saved.
  await vaultUnlocked();
  await fillVaultedProfile();
  await press(browser, "profile-save");
  const row = await rowNamed("Vaulted");
  await waitForText(await row.$('[data-testid="key-mask"]'), "Set, ends in");
  await waitForText(await byTestId(browser, "notice"), "Its key is in the encrypted vault");
  // Saving a profile does not switch to it; a sandbox profile is made active without a warning.
  await press(browser, '[data-profile-name="Vaulted"] [data-testid="make-active"]');
  await waitForText(await byTestId(browser, "notice"), "“Vaulted” is now active.");
  await press(browser, '[data-profile-name="Vaulted"] [data-testid="check-connection"]');
  await waitForText(await byTestId(browser, "notice"), "Connected: CMR accepted the API key.");
  await waitForText(await byTestId(browser, "vault-status"), "(1 key)");
  assert.deepEqual(filesContaining(KEY), [], "the key is in no file in plain");
  assert.deepEqual(filesContaining(PASSPHRASE), [], "nor is the passphrase");
  await screenshot(browser, "vault-profile-added");
});

test("after a restart the vault asks for its passphrase once; a wrong one is refused clearly", async () => {
  await vaultedProfile();
  await quitApp(browser);
  browser = await launchApp();
  await byTestId(browser, "vault-dialog");
  await fill(browser, "#vault-passphrase", "granite lantern orbit eight");
  await press(browser, "vault-submit");
  await waitForText(await byTestId(browser, "vault-passphrase-error"), "does not open the vault");
  await screenshot(browser, "vault-wrong-passphrase");
  await fill(browser, "#vault-passphrase", PASSPHRASE);
  await press(browser, "vault-submit");
  await (await browser.$('[data-testid="vault-dialog"]')).waitForDisplayed({ reverse: true, timeout: 10_000 });

  await openProfiles();
  const row = await rowNamed("Vaulted");
  await waitForText(await row.$('[data-testid="key-mask"]'), "Set, ends in");
  await press(browser, '[data-profile-name="Vaulted"] [data-testid="check-connection"]');
  await waitForText(await byTestId(browser, "notice"), "Connected: CMR accepted the API key.");
  await waitForText(await byTestId(browser, "active-profile"), "Vaulted");
});

test("Lock now puts the keys away; the Demo profile still opens", async () => {
  await vaultedProfile();
  await press(browser, "vault-lock");
  await waitForText(await byTestId(browser, "vault-status"), "which is locked");
  await waitForText(await (await rowNamed("Vaulted")).$('[data-testid="key-mask"]'), "Locked in the vault");
  await press(browser, '[data-profile-name="Vaulted"] [data-testid="check-connection"]');
  await waitForText(await byTestId(browser, "screen-error"), "Key vault locked");
  await screenshot(browser, "vault-locked");

  await press(browser, '[data-profile-name="Demo"] [data-testid="make-active"]');
  await press(browser, '[data-profile-name="Demo"] [data-testid="check-connection"]');
  await waitForText(await byTestId(browser, "notice"), "The Demo profile answers");

  await press(browser, "vault-unlock");
  await fill(browser, "#vault-passphrase", PASSPHRASE);
  await press(browser, "vault-submit");
  await waitForText(await byTestId(browser, "vault-status"), "unlocked for this run");
});

test("a vault file cut short is reported, and replaced only after a confirmation, kept aside", async () => {
  await vaultedProfile();
  await quitApp(browser);
  const whole = readFileSync(vaultFile);
  truncateSync(vaultFile, whole.length - 20);
  const cut = readFileSync(vaultFile);
  browser = await launchApp();
  await openProfiles();
  const status = await byTestId(browser, "vault-status");
  await waitForText(status, "cut short");
  assert.equal(await status.getAttribute("data-state"), "damaged");
  await waitForText(await (await rowNamed("Vaulted")).$('[data-testid="key-mask"]'), "Vault unreadable");
  await screenshot(browser, "vault-damaged");

  await press(browser, "vault-start-new");
  await waitForText(await byTestId(browser, "confirm-dialog"), "are lost to CMR Desk");
  await press(browser, "confirm-cancel");
  assert.deepEqual(readFileSync(vaultFile), cut, "nothing replaced without the confirmation");

  await press(browser, "vault-start-new");
  await press(browser, "confirm-ok");
  await fill(browser, "#vault-passphrase", PASSPHRASE);
  await fill(browser, "#vault-repeat", PASSPHRASE);
  await press(browser, "vault-submit");
  await waitForText(await byTestId(browser, "notice"), "The damaged file is kept as");
  await waitForText(await byTestId(browser, "vault-status"), "(0 keys)");
  const aside = readdirSync(join(vaultFile, "..")).filter((n) => n.startsWith("keys.vault.damaged-"));
  assert.equal(aside.length, 1, "the damaged file is kept aside");
  assert.deepEqual(readFileSync(join(vaultFile, "..", aside[0])), cut);
  await waitForText(await (await rowNamed("Vaulted")).$('[data-testid="key-mask"]'), "Not set");
});

test("when a keychain appears, the keys move there and only then is the vault file removed", async () => {
  const row = await vaultedProfile();
  const id = await row.getAttribute("data-profile-id");
  // The Demo is the active profile (as once the vault was locked): Vaulted is made active below.
  const makeDemoActive = await browser.$('[data-profile-name="Demo"] [data-testid="make-active"]');
  if (await makeDemoActive.isExisting()) await press(browser, makeDemoActive);
  await waitForText(await byTestId(browser, "active-profile"), "Demo");
  await press(browser, '[data-profile-name="Vaulted"] [data-testid="replace-key"]');
  await fill(browser, "#replace-key", KEY);
  await press(browser, "key-save");
  await waitForText(await byTestId(browser, "vault-status"), "(1 key)");
  assert.equal(keychainLookup(id), null);

  // A keyring starts on this session bus, as when the user logs in to a full desktop.
  execFileSync("gnome-keyring-daemon", ["--unlock", "--components=secrets"], { input: "cmr-desk-test", stdio: ["pipe", "ignore", "ignore"] });
  await press(browser, "nav-customers");
  await openProfiles();
  await press(browser, "vault-move");
  await waitForText(await byTestId(browser, "confirm-dialog"), "read back");
  await press(browser, "confirm-ok");
  await waitForText(await byTestId(browser, "notice"), "Moved 1 key to the system keychain");
  assert.equal(keychainLookup(id), KEY, "the key is in the Secret Service keychain");
  assert.equal(existsSync(vaultFile), false, "the vault file is removed");
  await press(browser, '[data-profile-name="Vaulted"] [data-testid="make-active"]');
  await press(browser, '[data-profile-name="Vaulted"] [data-testid="check-connection"]');
  await waitForText(await byTestId(browser, "notice"), "Connected: CMR accepted the API key.");
  assert.equal(await browser.$('[data-testid="vault-status"]').isExisting(), false);
  await screenshot(browser, "vault-moved-to-keychain");
});
