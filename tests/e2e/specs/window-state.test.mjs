// The window's size and position come back after a restart, and a place on no screen (a
// monitor unplugged) is brought back onto the screen.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { byTestId, launchApp } from "../lib/app.mjs";
import { configDir, read, setAside, write } from "../lib/home.mjs";

const stateFile = () => join(configDir(), ".window-state.json");
let browser;
let restore;

before(() => {
  restore = setAside(stateFile());
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  restore?.();
});

const wanted = { x: 70, y: 40, width: 1000, height: 640 };

/** Starts the app (ending one still open), moves and resizes its window, and ends it once saved. */
async function placeWindowAndQuit() {
  await browser?.deleteSession().catch(() => {});
  browser = await launchApp();
  await byTestId(browser, "nav-settings");
  await browser.setWindowRect(wanted.x, wanted.y, wanted.width, wanted.height);
  const set = await browser.getWindowRect();
  assert.deepEqual(set, wanted, "the driver placed the window");
  // Saved on the move itself, not only on a clean close (the driver ends the app).
  await browser.waitUntil(() => {
    const saved = JSON.parse(read(stateFile()) ?? "{}").main;
    return saved?.width === wanted.width && saved?.x === wanted.x;
  }, { timeout: 5_000, timeoutMsg: "the new place was not saved" });
  await browser.deleteSession();
  browser = null;
}

test("a moved and resized window opens the same after a restart", async () => {
  await placeWindowAndQuit();
  browser = await launchApp();
  await byTestId(browser, "nav-settings");
  assert.deepEqual(await browser.getWindowRect(), wanted, "same size and place");
});

test("a place with only a sliver on the screen is moved back onto it", async () => {
  await placeWindowAndQuit();
  const saved = JSON.parse(read(stateFile()));
  // 80 px of the window on the 1280 px screen: the plugin alone would restore it there.
  saved.main.x = 1200;
  saved.main.y = 10;
  write(stateFile(), JSON.stringify(saved));
  browser = await launchApp();
  await byTestId(browser, "nav-settings");
  const rect = await browser.getWindowRect();
  // The test screen is 1280×800 (xvfb-run -s "-screen 0 1280x800x24").
  assert.ok(rect.x >= 0 && rect.x + 120 <= 1280 && rect.y >= 0 && rect.y + 30 <= 800, `on screen: ${JSON.stringify(rect)}`);
  assert.equal(rect.width, wanted.width, "the size is still the saved one");
});
