// The first-run welcome in the real window: a new user sees what the Demo is, can skip (also
// with Escape) and is not asked again, can open it again from Settings, and can connect an
// account: key, Test connection, a default customer that the customer picker then starts on.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, test } from "node:test";
import { byTestId, currentCustomer, fill, keychainLookup, launchApp, openArea, press, quitApp, screenshot, waitForText } from "../lib/app.mjs";
import { profilesFile, read, setAside, settingsFile, welcomeDecided } from "../lib/home.mjs";

let browser;
let restoreSettings;
let restoreProfiles;

before(async () => {
  // A new user: no settings, no profiles of their own.
  restoreSettings = setAside(settingsFile());
  restoreProfiles = setAside(profilesFile());
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  restoreProfiles?.();
  restoreSettings?.();
});

async function welcomeShown() {
  const el = await browser.$('[data-testid="welcome"]');
  return (await el.isExisting()) && (await el.isDisplayed());
}

/** Closes the welcome if it is up, with Escape (skipping to the Demo). */
async function welcomeAway() {
  await welcomeDecided(browser);
  if (await welcomeShown()) {
    await browser.keys("Escape");
    await (await browser.$('[data-testid="welcome"]')).waitForDisplayed({ reverse: true, timeout: 5_000 });
  }
}

/** Settings → Profiles afresh, the welcome closed. */
async function settingsScreen() {
  await welcomeAway();
  await openArea(browser, "settings");
  await byTestId(browser, "profiles-screen");
}

/** A new user again: the app restarted with no settings and no profiles of their own. */
async function asNewUser() {
  if (browser) await quitApp(browser);
  rmSync(settingsFile(), { force: true });
  rmSync(profilesFile(), { force: true });
  browser = await launchApp();
  await welcomeDecided(browser);
}

/** The welcome's Connect step filled in for the Demo's own sandbox with `key`, and saved. */
async function connectWith(key) {
  await settingsScreen();
  const baseUrl = await (await (await byTestId(browser, "profile-row")).$(".url")).getText();
  await press(browser, "show-welcome");
  await press(browser, "welcome-connect");
  await browser.execute(() => {
    const env = document.querySelector("#profile-environment");
    env.value = "sandbox";
    env.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await fill(browser, "#profile-base-url", baseUrl);
  await fill(browser, "#profile-key", key);
  await press(browser, "profile-save");
}

test("a new user is welcomed with what the Demo is", async () => {
  const welcome = await byTestId(browser, "welcome");
  await waitForText(welcome, "Welcome to CMR Desk");
  const demo = await byTestId(browser, "welcome-demo");
  const text = await demo.getText();
  assert.match(text, /simulated CMR running on this computer/);
  assert.match(text, /Nothing you do there reaches CMR/);
  assert.match(text, /starts afresh each time/);
  const focused = await browser.execute(() => document.activeElement?.dataset.testid);
  assert.equal(focused, "welcome-connect", "the keyboard starts on Connect");
  await screenshot(browser, "first-run-welcome");
});

test("Escape skips to the Demo, and the welcome stays away after a restart", async () => {
  // The new user's welcome is up (the app started as one).
  await waitForText(await byTestId(browser, "welcome"), "Welcome to CMR Desk");
  await browser.keys("Escape");
  await (await browser.$('[data-testid="welcome"]')).waitForDisplayed({ reverse: true, timeout: 5_000 });
  await waitForText(await byTestId(browser, "active-profile"), "Demo");
  await browser.waitUntil(() => JSON.parse(read(settingsFile()) ?? "{}").welcomeDismissed === true, {
    timeout: 5_000,
    timeoutMsg: "the dismissal was not saved in settings.json",
  });
  await browser.deleteSession();
  browser = await launchApp();
  await welcomeDecided(browser);
  assert.equal(await welcomeShown(), false, "not shown again");
});

test("Settings opens the welcome again; Skip for now closes it", async () => {
  await settingsScreen();
  await press(browser, "show-welcome");
  await byTestId(browser, "welcome");
  await press(browser, "welcome-skip");
  await (await browser.$('[data-testid="welcome"]')).waitForDisplayed({ reverse: true, timeout: 5_000 });
});

test("connecting an account: a wrong key is refused by Test connection, the right one passes", async () => {
  await settingsScreen();
  // The account is the Demo's own sandbox on this computer, reached as any CMR would be.
  const demoRow = await byTestId(browser, "profile-row");
  const baseUrl = await (await demoRow.$(".url")).getText();
  assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\//);
  await press(browser, "show-welcome");
  await press(browser, "welcome-connect");
  assert.equal(await (await browser.$("#profile-name")).getValue(), "My CMR account", "a name to start from");
  assert.equal(await (await browser.$("#profile-customer")).isExisting(), false, "the customer comes later, from a list");
  await browser.execute(() => {
    const env = document.querySelector("#profile-environment");
    env.value = "sandbox";
    env.dispatchEvent(new Event("change", { bubbles: true }));
  });
  await fill(browser, "#profile-base-url", baseUrl);
  await fill(browser, "#profile-key", "wrong-key-000000wxyz");
  assert.equal(await (await browser.$("#profile-key")).getAttribute("type"), "password", "the key is masked");
  await press(browser, "profile-save");
  await waitForText(await byTestId(browser, "welcome-test-error"), "CMR refused the API key");
  await screenshot(browser, "first-run-test-refused");

  await press(browser, "welcome-replace-key");
  await fill(browser, "#replace-key", process.env.CMR_DESK_DEMO_KEY);
  await press(browser, "key-save");
  await byTestId(browser, "welcome-test-ok");
  await screenshot(browser, "first-run-connected");
});

test("a default customer from the account; the app then works on it", async () => {
  // A new user of its own who connects with the right key (a wrong one is the test above), so
  // the profile list holds this one profile.
  await asNewUser();
  await connectWith(process.env.CMR_DESK_DEMO_KEY);
  await byTestId(browser, "welcome-test-ok");
  await press(browser, "welcome-next");
  const select = await byTestId(browser, "welcome-customer");
  const options = await select.$$("option");
  assert.ok(options.length >= 2, "the account's customers are listed");
  // Not the first one, so the picker cannot land on it by chance.
  const chosen = await options[1].getAttribute("value");
  await browser.execute((id) => {
    const el = document.querySelector('[data-testid="welcome-customer"]');
    el.value = id;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }, chosen);
  await screenshot(browser, "first-run-customer");
  await press(browser, "welcome-finish");
  await (await browser.$('[data-testid="welcome"]')).waitForDisplayed({ reverse: true, timeout: 10_000 });

  await waitForText(await byTestId(browser, "active-profile"), "My CMR account");
  const row = await browser.$('[data-testid="profile-row"][data-profile-name="My CMR account"]');
  await row.waitForDisplayed({ timeout: 10_000 });
  await waitForText(row, `Customer ${chosen}`);
  const id = await row.getAttribute("data-profile-id");
  assert.equal(keychainLookup(id), process.env.CMR_DESK_DEMO_KEY, "the key went to the keychain");
  const stored = JSON.parse(read(profilesFile()));
  assert.equal(stored.profiles[0].defaultCustomerId, chosen, "the default is stored with the profile");
  assert.ok(!read(profilesFile()).includes(process.env.CMR_DESK_DEMO_KEY), "never the key");

  // The customer picker of an account screen starts on the default.
  await press(browser, "nav-domains");
  await browser.waitUntil(async () => (await currentCustomer(browser)) === chosen, {
    timeout: 10_000,
    timeoutMsg: "the customer picker did not start on the default customer",
  });
  await screenshot(browser, "first-run-default-customer");
});
