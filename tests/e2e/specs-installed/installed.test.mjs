// The app as installed from the .deb: scripts/package-check.sh unpacks the package and points
// APP_BIN at its usr/bin/cmr-desk. Not in specs/, so the normal E2E run does not take it.
import assert from "node:assert/strict";
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { byTestId, launchApp, openArea, press, screenshot, waitForText } from "../lib/app.mjs";

const ARTIFACT = Buffer.from("CMR Desk 99.0.0 package (test bytes)");
const NOTES = "Faster DNS editor; fixes to the mailbox import.";
const updatesToml = join(process.env.XDG_CONFIG_HOME, "com.cmrdesk.desktop", "updates.toml");
let browser;
let server;
const hits = [];

/**
 * A minisign signature (legacy Ed25519, as minisign-verify accepts) made with a key of our own:
 * well-formed, but not from CMR Desk's release key, so the app must refuse the artifact.
 */
function foreignSignature(bytes) {
  const { privateKey } = generateKeyPairSync("ed25519");
  const keyId = randomBytes(8);
  const sig = Buffer.concat([Buffer.from("Ed"), keyId, sign(null, bytes, privateKey)]);
  const trusted = "timestamp:1700000000\tfile:cmr-desk.deb\tversion:99.0.0";
  const global = sign(null, Buffer.concat([sign(null, bytes, privateKey), Buffer.from(trusted)]), privateKey);
  const text = `untrusted comment: signature from another key\n${sig.toString("base64")}\ntrusted comment: ${trusted}\n${global.toString("base64")}\n`;
  return Buffer.from(text).toString("base64");
}

before(async () => {
  server = createServer((req, res) => {
    hits.push(req.url);
    const base = `http://127.0.0.1:${server.address().port}`;
    if (req.url === "/latest.json") {
      const entry = { url: `${base}/cmr-desk.deb`, signature: foreignSignature(ARTIFACT) };
      const platforms = Object.fromEntries(["linux-x86_64", "linux-x86_64-deb", "linux-aarch64", "linux-aarch64-deb"].map((t) => [t, entry]));
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ version: "99.0.0", notes: NOTES, pub_date: "2026-11-30T12:00:00Z", platforms }));
    } else if (req.url === "/cmr-desk.deb") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(ARTIFACT);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Read once at start, like endpoints.toml: written before the app opens.
  mkdirSync(join(updatesToml, ".."), { recursive: true });
  writeFileSync(updatesToml, `endpoint = "http://127.0.0.1:${server.address().port}/latest.json"\n`);
  browser = await launchApp();
});

/** Settings afresh, with CMR Desk's update server asked for the latest release. */
async function updateOffered() {
  await openArea(browser, "settings");
  await press(browser, "updates-check");
  await waitForText(await byTestId(browser, "updates-available"), "Version 99.0.0 is available");
}

after(async () => {
  await browser?.deleteSession().catch(() => {});
  server?.close();
  rmSync(updatesToml, { force: true });
});

test("the installed binary opens its window on the Demo profile", async () => {
  assert.equal(await browser.getTitle(), "CMR Desk");
  assert.ok(await (await browser.$("nav[aria-label='Areas']")).isDisplayed());
  await openArea(browser, "settings");
  const demo = await browser.$('[data-testid="profile-row"][data-profile-name="Demo"]');
  await demo.waitForDisplayed({ timeout: 10_000 });
  assert.ok(await demo.$('[data-testid="active-badge"]').isDisplayed(), "with no key set, the Demo profile is active");
  await waitForText(await byTestId(browser, "active-profile"), "Sample data");
  // The Demo sandbox runs inside the installed binary: nothing is read from the build tree.
  await press(browser, await demo.$('[data-testid="check-connection"]'));
  await waitForText(await byTestId(browser, "notice"), "The Demo profile answers");
  await screenshot(browser, "installed-demo");
});

test("Check for updates offers the newer release from the configured server", async () => {
  await openArea(browser, "settings");
  await press(browser, "updates-check");
  const offer = await byTestId(browser, "updates-available");
  await waitForText(offer, "Version 99.0.0 is available");
  await waitForText(await byTestId(browser, "updates-notes"), NOTES);
  await waitForText(await byTestId(browser, "updates-panel"), "updates.toml");
  assert.deepEqual(hits, ["/latest.json"]);
});

test("an update whose signature does not verify is refused and nothing is installed", async () => {
  await updateOffered();
  await press(browser, "updates-install");
  await waitForText(await byTestId(browser, "confirm-dialog"), "Install CMR Desk 99.0.0?");
  await press(browser, "confirm-ok");
  const error = await byTestId(browser, "updates-error");
  await waitForText(error, "was refused");
  await waitForText(error, "signature does not verify");
  assert.ok(hits.includes("/cmr-desk.deb"), "the artifact was downloaded before it was refused");
  assert.equal(await (await browser.$('[data-testid="updates-installed"]')).isExisting(), false);
  await screenshot(browser, "installed-update-refused");
});
