// Mailboxes → Manage in the real window on the Demo sandbox: the customer's mailboxes listed and
// filtered; two renamed by a bulk job with per-mailbox progress until the sandbox holds the new
// names; warmup enabled on one and paused on another; one mailbox removed after a permanent-
// removal confirmation; a placement test refused for an empty wallet with a plain message and
// nothing charged; and a removal within 24 h of the period end refused before sending.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { byTestId, chooseCustomer, currentCustomer, fill, launchApp, openArea, press, sandboxData, screenshot, setWallet, values, waitForText } from "../lib/app.mjs";

let browser;
/** The demo customer the tests work on, as the sandbox seeds it. */
let customerId;
/** A domain of the customer with two ACTIVE mailboxes not on warmup. */
let domain;
let renamed = [];
/** A mailbox of the customer warming up (seeded), to pause. */
let warming;

/** A domain with two ACTIVE mailboxes off warmup, and a mailbox warming up, of one customer. */
function planFor(s, user) {
  const mine = values(s.mailboxes).filter((m) => m.user_id === user);
  const byDomain = new Map();
  for (const m of mine.filter((m) => m.status === "ACTIVE" && !m.warmup)) byDomain.set(m.domain, [...(byDomain.get(m.domain) ?? []), m]);
  const pair = [...byDomain.entries()].find(([, list]) => list.length >= 2);
  const warm = mine.find((m) => m.status === "ACTIVE" && m.warmup?.status === "ACTIVE");
  return pair && warm ? { domain: pair[0], renamed: pair[1].slice(0, 2), warming: warm } : null;
}

before(async () => {
  browser = await launchApp();
  const s = await sandboxData();
  customerId = values(s.users).map((u) => u.userId).find((u) => planFor(s, u));
  const plan = customerId && planFor(s, customerId);
  if (plan) ({ domain, renamed, warming } = plan);
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

/** A screen built afresh starts with no mailbox ticked. */
async function nothingSelected() {
  await waitForText(await byTestId(browser, "manage-count"), "0 selected");
}

/** Mailboxes → Manage afresh, on a customer (the tests' own unless named), its list shown. */
async function manageScreen(user = customerId) {
  assert.ok(customerId, "the demo world has a customer with a domain with two ACTIVE mailboxes off warmup and a mailbox warming up");
  await openArea(browser, "mailboxes");
  await press(browser, "mailboxes-tab-manage");
  await chooseCustomer(browser, user);
  await byTestId(browser, "manage-row");
}

const email = (m) => `${m.username}@${m.domain}`;

/** Types into the search box the way a person does (one input event with the whole value). */
async function search(text) {
  await browser.execute(
    (value) => {
      const el = document.querySelector("#manage-search");
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    text,
  );
}

async function listCount() {
  const list = await byTestId(browser, "virtual-list");
  return Number(await list.getAttribute("data-count"));
}

async function waitForCount(expected) {
  await browser.waitUntil(async () => (await listCount()) === expected, {
    timeout: 10_000,
    timeoutMsg: `expected ${expected} rows shown`,
  });
}

async function selectFilter(id, value) {
  await (await byTestId(browser, id)).selectByAttribute("value", value);
}

const row = (addr) => `[data-testid="manage-row"][data-email="${addr}"]`;

/** Shows one mailbox by searching its address, and ticks it. */
async function pick(addr) {
  await search(addr);
  await waitForCount(1);
  await press(browser, `${row(addr)} [data-testid="manage-check"]`);
}

/** Waits until the job labelled `label` (not an earlier one still shown) settles. */
async function jobSettled(label) {
  const job = await byTestId(browser, "manage-job");
  try {
    await job.waitUntil(async () => (await job.getText()).startsWith(label) && (await job.getAttribute("data-state")) !== "running", {
      timeout: 30_000,
      timeoutMsg: `the job "${label}" did not finish`,
    });
  } catch (e) {
    await screenshot(browser, "manage-job-stuck");
    const banner = await browser.$('[data-testid="manage-error"]');
    const why = (await banner.isExisting()) ? await banner.getText() : "no error banner";
    throw new Error(`${e.message}; the job line reads "${await job.getText()}"; ${why}`);
  }
  return job;
}

/** Presses Refresh until the row matches (CMR applies accepted changes shortly after). */
async function refreshUntil(check, message) {
  await browser.waitUntil(
    async () => {
      if (await check()) return true;
      await press(browser, "manage-refresh");
      return false;
    },
    { timeout: 30_000, interval: 700, timeoutMsg: message },
  );
}

test("Manage lists the customer's mailboxes and filters them", async () => {
  await manageScreen();
  assert.equal(await currentCustomer(browser), customerId);

  const s = await sandboxData();
  const mine = values(s.mailboxes).filter((m) => m.user_id === customerId);
  await waitForCount(mine.length);
  assert.ok(renamed.length === 2 && renamed.every((m) => m.domain === domain && m.status === "ACTIVE" && !m.warmup), "the demo customer has a domain with two ACTIVE mailboxes off warmup");
  assert.ok(warming, "the demo customer has a mailbox warming up");

  await selectFilter("manage-domain", domain);
  await selectFilter("manage-status", "ACTIVE");
  await waitForCount(mine.filter((m) => m.domain === domain && m.status === "ACTIVE").length);
  await search(renamed[0].username);
  const hits = mine.filter((m) => m.domain === domain && m.status === "ACTIVE" && `${email(m)} ${m.first_name} ${m.last_name}`.toLowerCase().includes(renamed[0].username.toLowerCase()));
  await waitForCount(hits.length);
  await screenshot(browser, "manage-filtered");
  await search("no-such-mailbox-anywhere");
  await byTestId(browser, "manage-none-shown");
  await search("");
});

test("a bulk rename runs as a job with per-mailbox progress and lands in CMR", async () => {
  await manageScreen();
  for (const m of renamed) await pick(email(m));
  await search("");
  await waitForText(await byTestId(browser, "manage-count"), "2 selected");
  await press(browser, "manage-rename");
  await byTestId(browser, "rename-dialog");
  await press(browser, "rename-start");
  await waitForText(await byTestId(browser, "rename-first-error"), "Enter a first or last name");
  await screenshot(browser, "manage-rename-error");
  await fill(browser, "#rename-first", "Tess");
  await fill(browser, "#rename-last", "Morgan");
  await waitForText(await byTestId(browser, "rename-preview"), "Tess Morgan");
  await screenshot(browser, "manage-rename-preview");
  await press(browser, "rename-start");

  const job = await jobSettled("Rename 2 mailboxes");
  assert.equal(await job.getAttribute("data-state"), "completed");
  assert.equal(await job.getAttribute("data-succeeded"), "2");
  for (const m of renamed) {
    const badge = await browser.$(`${row(email(m))} [data-testid="manage-item-state"]`);
    await badge.waitUntil(async () => (await badge.getAttribute("data-state")) === "succeeded", { timeout: 10_000, timeoutMsg: `${email(m)} has no succeeded badge` });
  }
  await screenshot(browser, "manage-rename-job");

  await browser.waitUntil(
    async () => {
      const s = await sandboxData();
      return renamed.every((m) => s.mailboxes[m.id]?.first_name === "Tess" && s.mailboxes[m.id]?.last_name === "Morgan");
    },
    { timeout: 30_000, interval: 500, timeoutMsg: "the sandbox never held the new names" },
  );
  await refreshUntil(async () => {
    for (const m of renamed) {
      const name = await browser.$(`${row(email(m))} [data-testid="manage-name"]`);
      // textContent: a row in the list's overscan is rendered but scrolled out of sight.
      if (!(await name.isExisting()) || (await name.getProperty("textContent")) !== "Tess Morgan") return false;
    }
    return true;
  }, "the list never showed the new names");
  await screenshot(browser, "manage-renamed");
});

test("warmup is enabled on one mailbox and paused on another", async () => {
  await manageScreen();
  const before = (await sandboxData()).walletBalanceCents;
  await nothingSelected();
  const target = renamed[0];
  await pick(email(target));
  await press(browser, "warmup-enable");
  const dialog = await browser.$("dialog[open]");
  await waitForText(dialog, "charges the partner wallet");
  await screenshot(browser, "manage-warmup-confirm");
  await press(browser, 'dialog[open] [data-testid="confirm-ok"]');
  await waitForText(await byTestId(browser, "manage-notice"), "Warmup requested for 1 of 1");
  const s = await sandboxData();
  assert.ok(["PENDING", "ACTIVE"].includes(s.mailboxes[target.id].warmup?.status), "the mailbox is enrolled in warmup");
  assert.ok(s.walletBalanceCents < before, "the prorated warmup was charged");

  await press(browser, "manage-clear");
  await selectFilter("manage-domain", "");
  await selectFilter("manage-status", "");
  await pick(email(warming));
  await press(browser, "warmup-pause");
  const job = await jobSettled("Pause warmup of 1 mailbox");
  assert.equal(await job.getAttribute("data-state"), "completed");
  assert.equal((await sandboxData()).mailboxes[warming.id].warmup.status, "PAUSED");
  await refreshUntil(async () => (await (await browser.$(row(email(warming)))).getAttribute("data-warmup")) === "PAUSED", "the list never showed the pause");
  await screenshot(browser, "manage-warmup-paused");
});

test("a placement test with an empty wallet is refused plainly and charges nothing", async () => {
  await setWallet(0);
  await manageScreen();
  const before = await sandboxData();
  const placements = values(before.placements).length;
  await nothingSelected();
  await pick(email(renamed[1]));
  await press(browser, "manage-placement");
  await byTestId(browser, "placement-dialog");
  // The reports list above the buttons fills in after the dialog opens and moves Run down:
  // wait for it, as a person waits for the dialog to settle, so the click lands on Run.
  await browser.$('[data-testid="placement-no-reports"], [data-testid="placement-reports"]').waitForDisplayed({ timeout: 10_000 });
  await press(browser, "placement-run");
  const error = await byTestId(browser, "placement-error");
  await waitForText(error, "Not enough wallet balance");
  await waitForText(error, "nothing was charged");
  await screenshot(browser, "manage-placement-refused");
  const s = await sandboxData();
  assert.equal(s.walletBalanceCents, 0);
  assert.equal(values(s.placements).length, placements, "no placement test was created");
  await press(browser, "placement-close");
  await setWallet(125_000);
});

test("a mailbox is removed after a confirmation that says it is permanent", async () => {
  const gone = renamed[1];
  await manageScreen();
  await nothingSelected();
  await pick(email(gone));
  await press(browser, "manage-remove");
  const dialog = await browser.$("dialog[open]");
  await waitForText(dialog, "Removal is permanent");
  await waitForText(dialog, "delete its workspace");
  await screenshot(browser, "manage-remove-confirm");
  await press(browser, 'dialog[open] [data-testid="confirm-ok"]');
  const job = await jobSettled("Remove 1 mailbox");
  assert.equal(await job.getAttribute("data-state"), "completed");
  await browser.waitUntil(async () => !(await sandboxData()).mailboxes[gone.id], {
    timeout: 30_000,
    interval: 500,
    timeoutMsg: "the sandbox still holds the removed mailbox",
  });
  await refreshUntil(async () => !(await (await browser.$(row(email(gone)))).isExisting()), "the list still shows the removed mailbox");
  await screenshot(browser, "manage-removed");
});

test("removal within 24 hours of the period end is refused before anything is sent", async () => {
  const s = await sandboxData();
  const now = Date.parse(s.now);
  const late = values(s.mailboxes).find((m) => {
    const sub = m.subscription_id && s.subscriptions[m.subscription_id];
    return m.status === "ACTIVE" && sub && sub.period_end - 24 * 3600 * 1000 < now;
  });
  assert.ok(late, "the demo world has an ACTIVE mailbox whose subscription period ends within 24 h");
  await manageScreen(late.user_id);
  await search("");
  await browser.waitUntil(async () => (await browser.$('[data-testid="manage-row"]').isExisting()) && (await listCount()) === values(s.mailboxes).filter((m) => m.user_id === late.user_id).length, {
    timeout: 10_000,
    timeoutMsg: "the customer's mailboxes did not load",
  });
  await pick(email(late));
  await press(browser, "manage-remove");
  await waitForText(await byTestId(browser, "manage-refused"), "24 hours before the period end");
  assert.equal(await (await browser.$("dialog[open]")).isExisting(), false, "no confirmation is offered");
  await screenshot(browser, "manage-remove-refused");
  assert.ok((await sandboxData()).mailboxes[late.id], "the mailbox is still there");
});
