// The Overview, the first screen, in the real window: the Demo account's renewals due in 45
// days across every customer (checked against the sandbox), the wallet's shortfall against
// them, and renewals sent from the calendar in one priced confirmation, checked at CMR.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, launchApp, openArea, press, sandboxState, screenshot, setClockMode, setWallet, waitForText } from "../lib/app.mjs";

const DAY = 86_400_000;
let browser;

before(async () => {
  browser = await launchApp();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/**
 * What the sandbox has due within 45 days of `now` (the app's clock: the Demo's own runs faster,
 * so its items move on while the test runs), keyed "kind:domain". `margin` leaves out items
 * that close to a window's edge.
 */
async function dueAtCmr(margin = 0) {
  const data = (await sandboxState()).data;
  const now = Date.now();
  const until = now + 45 * DAY;
  const inside = (t) => t >= now + margin && t <= until - margin;
  const domains = Object.values(data.domains).filter(
    (d) => (["ACTIVE", "RENEWING", "GRACE_PERIOD"].includes(d.status) && inside(d.expire_on)) || (d.status === "GRACE_PERIOD" && d.expire_on >= now - 8 * DAY + margin),
  );
  const subscriptions = Object.values(data.subscriptions).filter(
    (s) => ["ACTIVE", "RENEWING", "PAST_DUE"].includes(s.status) && s.period_end <= until - margin && (s.period_end >= now + margin || s.status === "PAST_DUE"),
  );
  const keys = new Set([...domains.map((d) => `domain:${d.name}`), ...subscriptions.map((s) => `subscription:${s.domain}`)]);
  return { data, domains, subscriptions, keys };
}

/** Waits until the Overview's sync has ended and the calendar is filled. */
async function synced() {
  await browser.waitUntil(async () => (await dueRows()).length > 0 && !(await browser.$('[data-testid="overview-sync-progress"]').isExisting()), {
    timeout: 60_000,
    timeoutMsg: "the calendar fills once every customer is read",
  });
}

async function dueRows() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="overview-due"]')].map((r) => ({ kind: r.dataset.kind, domain: r.dataset.domain, auto: r.dataset.autoRenew })),
  );
}

test("the app opens on the Overview, which lists every customer's renewals due and the wallet's shortfall", async () => {
  // A wallet too small for what renews on its own.
  await setWallet(1_000);
  const screen = await byTestId(browser, "overview-screen");
  assert.equal(await (await byTestId(browser, "nav-overview")).getAttribute("aria-current"), "page", "the first screen");
  // The Demo is small: its first open reads every customer's domains on its own.
  await synced();
  // The Demo's clock runs fast (renewals it scheduled complete as the test reads): stopped,
  // and the account read again, the calendar and the sandbox hold the same moment.
  await setClockMode("manual");
  await press(browser, "overview-refresh");
  await byTestId(browser, "overview-sync-progress").catch(() => {});
  await synced();
  // Due an hour away from either edge: surely listed; anything listed: due give or take an hour.
  const sure = await dueAtCmr(3_600_000);
  const loose = await dueAtCmr(-3_600_000);
  const shown = new Set((await dueRows()).map((r) => `${r.kind}:${r.domain}`));
  assert.ok(sure.domains.length > 0 && sure.subscriptions.length > 0, "the Demo account has renewals coming");
  for (const key of sure.keys) assert.ok(shown.has(key), `${key} is in the calendar (shown: ${[...shown]})`);
  for (const key of shown) assert.ok(loose.keys.has(key), `${key} is due at CMR`);
  await waitForText(await byTestId(browser, "overview-balance"), "$10.00");
  // Prices come from CMR; the shortfall is what renews on its own less the balance.
  await waitForText(await byTestId(browser, "overview-shortfall"), "short of the renewals due", 30_000);
  const total = Number((await (await byTestId(browser, "overview-due-total")).getText()).replace(/[$,]/g, ""));
  assert.ok(total > 10, `renewals of ${total} dollars are more than the balance`);
  await waitForText(await byTestId(browser, "overview-shortfall"), `$${(total - 10).toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
  // Counts by status, as the sandbox holds them.
  const data = (await sandboxState()).data;
  const active = Object.values(data.domains).filter((d) => d.status === "ACTIVE").length;
  const counts = await byTestId(browser, "overview-count-domains");
  assert.equal(await (await counts.$('dd[data-status="ACTIVE"]')).getText(), active.toLocaleString("en-US"));
  assert.ok(await screen.$('[data-testid="overview-attention"]').isExisting());
  await screenshot(browser, "overview");
});

test("items chosen in the calendar are renewed in one priced confirmation, at CMR", async () => {
  await setWallet(500_000);
  await openArea(browser, "overview");
  await browser.waitUntil(async () => (await dueRows()).length > 0, { timeout: 30_000, timeoutMsg: "the calendar" });
  // One ACTIVE domain well inside its renewal window and one ACTIVE subscription, both listed.
  const { domains, subscriptions } = await dueAtCmr(DAY);
  const shown = new Set((await dueRows()).map((r) => `${r.kind}:${r.domain}`));
  const domain = domains.find((d) => d.status === "ACTIVE" && shown.has(`domain:${d.name}`));
  const sub = subscriptions.find((s) => s.status === "ACTIVE" && shown.has(`subscription:${s.domain}`));
  assert.ok(domain && sub, "an active domain and subscription are due");
  const pick = async (kind, name) => {
    const row = await browser.$(`[data-testid="overview-due"][data-kind="${kind}"][data-domain="${name}"]`);
    await press(browser, await row.$('[data-testid="overview-due-pick"]'));
  };
  await pick("domain", domain.name);
  await pick("subscription", sub.domain);
  await waitForText(await byTestId(browser, "overview-renew"), "(2)");
  await press(browser, "overview-renew");
  const dialog = await byTestId(browser, "renew-due-dialog");
  const confirm = await byTestId(browser, "renew-due-confirm");
  await browser.waitUntil(async () => confirm.isEnabled(), { timeout: 15_000, timeoutMsg: "Pay is enabled once priced" });
  await waitForText(await dialog.$('[data-testid="charge-wallet"]'), "→");
  await screenshot(browser, "overview-renew-confirm");
  const before = (await sandboxState()).data;
  await press(browser, confirm);
  const results = await byTestId(browser, "renew-due-results");
  await browser.waitUntil(async () => (await results.$$('[data-testid="renew-due-result"][data-ok="yes"]')).length === 2, {
    timeout: 20_000,
    timeoutMsg: "both renewals sent",
  });
  const now = (await sandboxState()).data;
  assert.ok(now.domains[domain.id].status === "RENEWING" || now.domains[domain.id].expire_on > domain.expire_on, "the domain renews at CMR");
  assert.ok(now.subscriptions[sub.id].status === "RENEWING" || now.subscriptions[sub.id].period_end > sub.period_end, "the subscription renews at CMR");
  assert.ok(now.walletBalanceCents < before.walletBalanceCents, "the wallet paid for the domain");
  await press(browser, "renew-due-close");
});
