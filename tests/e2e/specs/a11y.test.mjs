// Accessibility in the real window: every screen, every tab, the welcome, About, a confirm
// dialog and the other dialogs of the lists (renewal, rename, placement test, mailbox details,
// audit CSV), in light and in dark mode, checked with axe-core. Any violation of impact "serious"
// or "critical" fails, listed with its rule, help and the elements concerned. A picture of each
// screen in each mode is kept (screenshots/<screen>-light.png, <screen>-dark.png).
//
// The app follows the desktop's light or dark preference (prefers-color-scheme). On Linux the
// web view reads it from GTK, so the dark pass starts the app with GTK_THEME=Adwaita:dark and
// the light pass with the plain Adwaita theme; each pass checks that the page sees the mode.
//
// axe-core is loaded from this package's node_modules and run through WebDriver's script
// execution, which the page's Content Security Policy does not govern: the app's CSP stays as
// strict as it ships.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { after, describe, test } from "node:test";
import { byTestId, fill, launchApp, press, quitApp, screenshot } from "../lib/app.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const FAILING = new Set(["serious", "critical"]);

const shown = (browser, selector, timeout = 15_000) =>
  browser.$(selector).then((el) => el.waitForDisplayed({ timeout, timeoutMsg: `${selector} was not shown` }));

/** Waits until no loading message is shown (the screens mark them aria-busy). */
async function settled(browser) {
  await browser.waitUntil(
    () =>
      browser.execute(() =>
        [...document.querySelectorAll('[aria-busy="true"]')].every((el) => !el.textContent.trim() || el.getClientRects().length === 0),
      ),
    { timeout: 20_000, timeoutMsg: "a screen was still loading" },
  );
}

/**
 * Closes whatever dialog is open with Escape, as a person would. An Escape may first step back
 * inside a dialog (a form in the welcome) rather than close it, so up to four are sent.
 */
async function closeDialogs(browser) {
  // The sidebar's customer list is a drop-down, not a dialog: Escape closes it too.
  if (await browser.$('[data-testid="customer-switcher-popover"]').isExisting()) {
    await browser.keys("Escape");
    await browser.$('[data-testid="customer-switcher-popover"]').waitForExist({ reverse: true, timeout: 3_000 });
  }
  // The account-wide search's results close with Escape in its box.
  if (await browser.$('[data-testid="global-search-results"]').isExisting()) {
    await (await browser.$("#global-search")).click();
    await browser.keys("Escape");
    await browser.$('[data-testid="global-search-results"]').waitForExist({ reverse: true, timeout: 3_000 });
  }
  const openDialogs = () => browser.execute(() => document.querySelectorAll("dialog[open]").length);
  for (let i = 0; i < 4; i++) {
    const open = await openDialogs();
    if (open === 0) return;
    await browser.keys("Escape");
    await browser.waitUntil(async () => (await openDialogs()) < open, { timeout: 3_000 }).catch(() => {});
  }
  assert.equal(await openDialogs(), 0, "every dialog closed with Escape");
}

const nav = (area) => (b) => press(b, `nav-${area}`);
const tab = (id) => (b) => press(b, id);
/** Ticks the first matching checkbox unless it already is (a screen may come back to it). */
const tick = (selector) => async (b) => {
  const box = await b.$(selector);
  await box.waitForDisplayed({ timeout: 15_000 });
  if (!(await box.isSelected())) await press(b, box);
};
/** Searches names on Domains → Buy and waits until the available ones have had the workspace check. */
const searchDomains = (text) => async (b) => {
  await fill(b, "#domain-query", text);
  await press(b, "domain-search-submit");
  await shown(b, '[data-testid="offer-row"][data-available="true"]');
  const pending = '[data-testid="offer-row"][data-available="true"][data-workspace="unchecked"]';
  await b.waitUntil(async () => (await b.$$(pending)).length === 0, {
    timeout: 15_000,
    timeoutMsg: "the workspace pre-flight did not finish",
  });
};

/**
 * Every screen: how to reach it from the one before (each starts from its sidebar area, so a
 * failure on one does not leave the next stranded) and what shows once its content is there.
 */
const SCREENS = [
  { name: "overview", steps: [nav("overview")], ready: '[data-testid="overview-due"]' },
  {
    name: "overview-renew-dialog",
    steps: [nav("overview"), tick('[data-testid="overview-due"][data-kind="domain"] [data-testid="overview-due-pick"]'), tab("overview-renew")],
    ready: '[data-testid="renew-due-dialog"]',
  },
  { name: "customers", steps: [nav("customers")], ready: '[data-testid="customers-table"]' },
  { name: "customer-form", steps: [nav("customers"), tab("add-customer")], ready: '[data-testid="customer-save"]' },
  { name: "customer-page", steps: [nav("customers"), (b) => press(b, '[data-testid="customer-row"] [data-testid="open-customer"]')], ready: '[data-testid="customer-page-activity"]' },
  { name: "global-search", steps: [nav("customers"), (b) => fill(b, "#global-search", "a")], ready: '[data-testid="global-search-hit"]' },
  { name: "customer-switcher", steps: [nav("domains"), tab("customer-switcher")], ready: '[data-testid="customer-option"]' },
  { name: "domains-buy", steps: [nav("domains"), tab("tab-buy")], ready: '[data-testid="cart-empty"]' },
  {
    name: "domains-cart",
    steps: [nav("domains"), tab("tab-buy"), searchDomains("a11yshop"), (b) => press(b, '[data-testid="offer-row"] [data-testid="offer-add"]:enabled')],
    ready: '[data-testid="cart-item"]',
  },
  { name: "domains-manage", steps: [nav("domains"), tab("tab-manage")], ready: '[data-testid="domain-row"]' },
  {
    name: "domains-renew-dialog",
    steps: [nav("domains"), tab("tab-manage"), tick('[data-testid="domain-row"] [data-testid="select-domain"]'), tab("renew-selected")],
    ready: '[data-testid="renew-dialog"]',
  },
  { name: "dns-records", steps: [nav("dns"), tab("dns-tab-records")], ready: '[data-testid="dns-row"]' },
  { name: "dns-record-form", steps: [nav("dns"), tab("dns-tab-records"), tab("dns-add")], ready: '[data-testid="dns-record-form"]' },
  { name: "dns-live", steps: [nav("dns"), tab("dns-tab-health"), tab("dns-health-check")], ready: '[data-testid="dns-health-record"]' },
  { name: "dns-template", steps: [nav("dns"), tab("dns-tab-template")], ready: '[data-testid="template-apply"]' },
  { name: "dns-zone", steps: [nav("dns"), tab("dns-tab-zone")], ready: '[data-testid="zone-export"]' },
  { name: "mailboxes-order-csv", steps: [nav("mailboxes"), tab("mailboxes-tab-order"), tab("source-csv")], ready: '[data-testid="source-csv"]' },
  { name: "mailboxes-order-pattern", steps: [nav("mailboxes"), tab("mailboxes-tab-order"), tab("source-pattern")], ready: '[data-testid="pattern-entry"]' },
  { name: "mailboxes-order-manual", steps: [nav("mailboxes"), tab("mailboxes-tab-order"), tab("source-manual")], ready: '[data-testid="source-manual"]' },
  { name: "mailboxes-manage", steps: [nav("mailboxes"), tab("mailboxes-tab-manage")], ready: '[data-testid="manage-row"]' },
  {
    name: "mailboxes-rename-dialog",
    steps: [nav("mailboxes"), tab("mailboxes-tab-manage"), tick('[data-testid="manage-row"] [data-testid="manage-check"]'), tab("manage-rename")],
    ready: '[data-testid="rename-dialog"]',
  },
  {
    name: "mailboxes-placement-dialog",
    steps: [nav("mailboxes"), tab("mailboxes-tab-manage"), tick('[data-testid="manage-row"] [data-testid="manage-check"]'), tab("manage-placement")],
    ready: '[data-testid="placement-dialog"]',
  },
  {
    name: "mailboxes-details-dialog",
    steps: [nav("mailboxes"), tab("mailboxes-tab-manage"), (b) => press(b, '[data-testid="manage-row"] [data-testid="manage-details"]')],
    ready: '[data-testid="mailbox-details"]',
  },
  { name: "orders", steps: [nav("orders")], ready: '[data-testid="order-lookup"]' },
  { name: "exports-credentials", steps: [nav("exports"), tab("exports-tab-credentials")], ready: '[data-testid="credentials-table"]' },
  { name: "exports-export", steps: [nav("exports"), tab("exports-tab-export")], ready: '[data-testid="export-target"], [data-testid="export-no-credential"]' },
  { name: "exports-client-id", steps: [nav("exports"), tab("exports-tab-clientId")], ready: '[data-testid="clientid-form"]' },
  { name: "subscriptions", steps: [nav("subscriptions")], ready: '[data-testid="subscription-row"]' },
  {
    name: "confirm-dialog",
    steps: [nav("subscriptions"), (b) => press(b, '[data-testid="subscription-row"] [data-testid="cancel"]:enabled')],
    ready: '[data-testid="confirm-dialog"]',
  },
  { name: "prewarmup", steps: [nav("prewarmup")], ready: '[data-testid="prewarm-table"]' },
  { name: "wallet", steps: [nav("wallet")], ready: '[data-testid="wallet-balance"]' },
  { name: "activity-actions", steps: [nav("activity"), tab("tab-actions")], ready: '[data-testid="activity-screen"]' },
  { name: "activity-jobs", steps: [nav("activity"), tab("tab-jobs")], ready: '[data-testid="activity-screen"]' },
  { name: "activity-audit", steps: [nav("activity"), tab("tab-audit")], ready: '[data-testid="audit-export"]' },
  { name: "activity-audit-csv", steps: [nav("activity"), tab("tab-audit"), tab("audit-export")], ready: '[data-testid="csv-dialog"]' },
  { name: "settings", steps: [nav("settings")], ready: '[data-testid="profile-row"]' },
  { name: "welcome", steps: [nav("settings"), tab("show-welcome")], ready: '[data-testid="welcome-connect"]' },
  { name: "welcome-connect", steps: [nav("settings"), tab("show-welcome"), tab("welcome-connect")], ready: "#profile-name" },
  { name: "about", steps: [nav("settings"), tab("show-about")], ready: '[data-testid="about"]' },
];

/** Runs axe-core on the whole document; the violations that fail this test, in short. */
async function violations(browser) {
  const loaded = await browser.execute(() => typeof window.axe === "object");
  if (!loaded) {
    await browser.execute(`${AXE_SOURCE}\n;return true;`);
    assert.equal(await browser.execute(() => typeof window.axe), "object", "axe-core loaded in the page");
  }
  const found = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) =>
        done(
          r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
          })),
        ),
      )
      .catch((e) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]));
  });
  return found.filter((v) => FAILING.has(v.impact));
}

const describeViolations = (list) =>
  list
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}${n.summary ? `\n      ${n.summary.replace(/\n/g, "\n      ")}` : ""}`).join("\n"),
    )
    .join("\n");

for (const mode of ["light", "dark"]) {
  describe(`${mode} mode`, () => {
    let browser;

    after(async () => {
      if (browser) await quitApp(browser).catch(() => {});
    });

    test("the window follows the desktop's preference", async () => {
      browser = await launchApp({ env: { GTK_THEME: mode === "dark" ? "Adwaita:dark" : "Adwaita" } });
      await browser.setTimeout({ implicit: 0, script: 60_000 });
      await byTestId(browser, "nav-customers");
      const dark = await browser.execute(() => matchMedia("(prefers-color-scheme: dark)").matches);
      assert.equal(dark, mode === "dark", `the page sees ${mode} mode`);
    });

    for (const screen of SCREENS) {
      test(`${screen.name}: no serious or critical violation`, async () => {
        assert.ok(browser, "the app started");
        await closeDialogs(browser);
        for (const step of screen.steps) await step(browser);
        await shown(browser, screen.ready);
        await settled(browser);
        await screenshot(browser, `${screen.name}-${mode}`);
        const found = await violations(browser);
        await closeDialogs(browser);
        assert.equal(found.length, 0, `${screen.name} (${mode}):\n${describeViolations(found)}`);
      });
    }
  });
}
