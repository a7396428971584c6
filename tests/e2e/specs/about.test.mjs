// The About box: version, licence and the folders a support request needs; from Settings and
// with F1. The log it names exists and holds no key.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { byTestId, launchApp, openArea, press, screenshot } from "../lib/app.mjs";
import { appLog, configDir, dataDir } from "../lib/home.mjs";

let browser;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

test("About from Settings names the version, licence and folders", async () => {
  await openArea(browser, "settings");
  await press(browser, "show-about");
  await byTestId(browser, "about");
  // The app's version is the workspace's (Cargo.toml), which the bundle takes too.
  const cargo = readFileSync(new URL("../../../Cargo.toml", import.meta.url), "utf8");
  const version = cargo.match(/\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/)?.[1];
  assert.ok(version, "the workspace version in Cargo.toml");
  assert.equal(await (await byTestId(browser, "about-version")).getText(), version);
  assert.match(await (await byTestId(browser, "about-licence")).getText(), /UNLICENSED/);
  assert.equal(await (await byTestId(browser, "about-data")).getText(), dataDir());
  assert.equal(await (await byTestId(browser, "about-config")).getText(), configDir());
  assert.equal(await (await byTestId(browser, "about-log")).getText(), appLog());
  await screenshot(browser, "about");
  await browser.keys("Escape");
  await (await browser.$('[data-testid="about"]')).waitForDisplayed({ reverse: true, timeout: 5_000 });
});

test("F1 opens About from anywhere; the log it names is there without the Demo key", async () => {
  await openArea(browser, "wallet");
  await browser.keys("F1");
  await byTestId(browser, "about");
  await press(browser, "about-close");
  const log = readFileSync(appLog(), "utf8");
  assert.match(log, /INFO  CMR Desk \S+ starting on/);
  assert.ok(!log.includes(process.env.CMR_DESK_DEMO_KEY), "no key in the log");
});
