// Single instance inside the real session: with the app under the driver, a second launch of
// the same binary hands over to it and exits, and the first window stays, shown and in front.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { byTestId, launchApp, screenshot } from "../lib/app.mjs";
import { appLog, read } from "../lib/home.mjs";

let browser;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** Runs APP_BIN with the test's environment; resolves with its exit code and time taken. */
function secondLaunch(timeoutMs) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.env.APP_BIN, [], { env: process.env, stdio: "ignore" });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the second launch was still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, ms: Date.now() - started });
    });
  });
}

test("a second launch exits at once and the first window comes forward", async () => {
  await byTestId(browser, "nav-settings");
  const handles = await browser.getWindowHandles();
  const logBefore = read(appLog()) ?? "";

  const { code, ms } = await secondLaunch(10_000);
  assert.equal(code, 0, "the second launch ends normally");
  console.log(`second launch handed over and exited in ${ms} ms`);
  assert.ok(ms < 5_000, `it exits quickly (${ms} ms)`);

  // The first instance heard it and brought its window forward.
  await browser.waitUntil(() => (read(appLog()) ?? "").slice(logBefore.length).includes("a second launch handed over"), {
    timeout: 5_000,
    timeoutMsg: "the running app never heard of the second launch",
  });
  assert.deepEqual(await browser.getWindowHandles(), handles, "still the one window");
  assert.equal(await browser.getTitle(), "CMR Desk");
  assert.equal(await browser.execute(() => document.visibilityState), "visible");
  assert.ok(await browser.execute(() => document.hasFocus()), "the window has the focus");
  assert.ok(await (await byTestId(browser, "nav-settings")).isDisplayed(), "and still works");
  await screenshot(browser, "single-instance-after-second-launch");
});
