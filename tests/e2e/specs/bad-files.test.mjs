// Local files that cannot be used: a settings file or profile list that does not parse, a
// broken endpoints.toml, a data folder that cannot be written. Each is named in the window
// with what to do, no file is overwritten, and the Demo still works.
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { byTestId, launchApp, press, screenshot, waitForCustomer, waitForText } from "../lib/app.mjs";
import { configDir, dataDir, filesStartingWith, profilesFile, read, setAside, settingsFile, welcomeDecided, write } from "../lib/home.mjs";

let browser;
const restores = [];

after(async () => {
  await browser?.deleteSession().catch(() => {});
  while (restores.length) restores.pop()();
});

async function relaunch() {
  await browser?.deleteSession().catch(() => {});
  browser = await launchApp();
}

async function problem(kind) {
  const el = await browser.$(`[data-testid="local-problem"][data-kind="${kind}"]`);
  await el.waitForDisplayed({ timeout: 15_000 });
  return el;
}

/** The Demo answers: its customers list loads from the built-in sandbox. */
async function demoWorks() {
  await waitForText(await byTestId(browser, "active-profile"), "Demo");
  await press(browser, "nav-domains");
  await waitForCustomer(browser);
}

test("a settings file that does not parse is moved aside, named in the window, and the Demo works", async () => {
  const broken = '{ "welcomeDismissed": tru';
  restores.push(setAside(settingsFile()));
  write(settingsFile(), broken);
  await relaunch();
  const p = await problem("settings");
  const text = await p.getText();
  assert.ok(text.includes(settingsFile()), "names the file");
  assert.match(text, /could not be read/);
  const kept = filesStartingWith(configDir(), "settings.json.broken-");
  assert.equal(kept.length, 1, "kept aside");
  assert.ok(text.includes(kept[0]), "and says where");
  assert.equal(read(join(configDir(), kept[0])), broken, "byte for byte");
  assert.equal(JSON.parse(read(settingsFile())).welcomeDismissed, true, "a fresh file in its place");
  await welcomeDecided(browser);
  assert.equal(await (await browser.$('[data-testid="welcome"]')).isDisplayed().catch(() => false), false, "a returning user is not welcomed as new");
  await screenshot(browser, "bad-settings-file");
  await demoWorks();
  rmSync(join(configDir(), kept[0]));
  restores.pop()();
});

test("a profile list that does not parse is reported, left as it is until the person moves it aside, and the Demo works", async () => {
  const broken = '{ "profiles": [ {"id": ';
  restores.push(setAside(profilesFile()));
  write(profilesFile(), broken);
  await relaunch();
  const text = await (await problem("profiles")).getText();
  assert.ok(text.includes(profilesFile()), "names the file");
  assert.match(text, /damaged/);
  assert.match(text, /move it aside/i);
  await screenshot(browser, "bad-profiles-file");
  await demoWorks();
  // Adding a profile now would replace the list: refused, and the file stays.
  await press(browser, "nav-settings");
  await press(browser, "add-profile");
  await (await browser.$("#profile-name")).setValue("Another");
  await (await browser.$("#profile-key")).setValue("some-key-0123456789");
  await press(browser, "profile-save");
  await waitForText(await byTestId(browser, "form-error"), "damaged");
  assert.equal(read(profilesFile()), broken, "not overwritten");

  // Moved aside when the person asks and confirms: renamed, never deleted, and the app goes on.
  await press(browser, "profiles-set-aside");
  await press(browser, "profiles-set-aside-confirm");
  await waitForText(await byTestId(browser, "profiles-moved"), "profiles.json.broken-");
  const kept = filesStartingWith(dataDir(), "profiles.json.broken-");
  assert.equal(kept.length, 1, "kept aside");
  assert.equal(read(join(dataDir(), kept[0])), broken, "byte for byte");
  await browser.waitUntil(async () => !(await browser.$('[data-testid="local-problem"][data-kind="profiles"]').isExisting()), {
    timeout: 10_000,
    timeoutMsg: "the profile list's problem is gone",
  });
  await screenshot(browser, "bad-profiles-file-moved-aside");
  rmSync(join(dataDir(), kept[0]));
  restores.pop()();
});

test("a broken endpoints.toml is reported; the Demo works", async () => {
  const file = join(configDir(), "endpoints.toml");
  restores.push(setAside(file));
  write(file, "[getWallet]\npath = \"/w\"\n");
  await relaunch();
  const text = await (await problem("endpoints")).getText();
  assert.ok(text.includes(file));
  await demoWorks();
  await press(browser, "nav-settings");
  await waitForText(await byTestId(browser, "endpoints-errors"), "line 1: getWallet: unknown operationId");
  restores.pop()();
});

test("a database that is not a database: named with what to do, the Demo works, and it is moved aside only when asked", async () => {
  const db = join(dataDir(), "cmr-desk.sqlite");
  const garbage = "this is not a database\n".repeat(200);
  // The running app has the database open: close it before the file is replaced.
  await browser?.deleteSession().catch(() => {});
  browser = null;
  for (const f of ["", "-wal", "-shm"]) restores.push(setAside(db + f));
  write(db, garbage);
  await relaunch();
  const p = await problem("database");
  const text = await p.getText();
  assert.ok(text.includes(db), "names the file");
  assert.match(text, /damaged/);
  assert.match(text, /Move it aside/);
  assert.doesNotMatch(text, /^file is not a database$/m, "more than SQLite's words");
  await screenshot(browser, "bad-database");
  await demoWorks();
  assert.equal(read(db), garbage, "left as it is until asked");
  await press(browser, "database-set-aside");
  await press(browser, "database-set-aside-confirm");
  const moved = await byTestId(browser, "database-moved");
  await waitForText(moved, "cmr-desk.sqlite.broken-");
  const kept = filesStartingWith(dataDir(), "cmr-desk.sqlite.broken-").filter((f) => !/-(wal|shm)$/.test(f));
  assert.equal(kept.length, 1, "kept aside");
  assert.equal(read(join(dataDir(), kept[0])), garbage, "byte for byte");
  await browser.waitUntil(async () => (await browser.$$('[data-testid="local-problem"][data-kind="database"]')).length === 0, {
    timeout: 10_000,
    timeoutMsg: "the problem is still shown",
  });
  await demoWorks();
  await browser.deleteSession();
  browser = null;
  for (const f of filesStartingWith(dataDir(), "cmr-desk.sqlite.broken-")) rmSync(join(dataDir(), f));
  for (let i = 0; i < 3; i++) restores.pop()();
});

test("a data folder that cannot be written: the window says so and the Demo still opens", async () => {
  // A file where the folder should be stops even a root user (the tests may run as root).
  restores.push(setAside(dataDir()));
  write(dataDir(), "not a folder");
  await relaunch();
  const text = await (await problem("data_folder")).getText();
  assert.ok(text.includes(dataDir()), "names the folder");
  assert.match(text, /cannot write to its data folder/);
  assert.match(text, /Make the folder writable/);
  await screenshot(browser, "bad-data-folder");
  await demoWorks();
  // Nothing of the user's own can be added while its records would be lost.
  await press(browser, "nav-settings");
  await press(browser, "add-profile");
  await (await browser.$("#profile-name")).setValue("Mine");
  await (await browser.$("#profile-key")).setValue("some-key-0123456789");
  await press(browser, "profile-save");
  await waitForText(await byTestId(browser, "form-error"), "cannot write to its data folder");
  await browser.deleteSession();
  browser = null;
  restores.pop()();
});
