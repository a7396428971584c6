// The big account (CMR_DESK_DEMO_WORLD=big-account: 200 customers, 100,000 mailboxes, Atlas
// Mail Group holding 50,000) in the real window: the 50,000-mailbox customer's list fills page
// by page with "N of 50,000 read" rising before the last page, and Cancel keeps what was read;
// a filter on a customer of the big account shows the count the sandbox holds; the
// account-wide search finds another customer's mailbox and opens it with that customer chosen.
import assert from "node:assert/strict";
import { after, afterEach, before, test } from "node:test";
import { byTestId, chooseCustomer, currentCustomer, launchApp, openArea, press, sandboxApi, screenshot, waitForText } from "../lib/app.mjs";

let browser;
let atlas;
/** Two ordinary customers of the big account (about 250 mailboxes each). */
let small = [];

before(async () => {
  browser = await launchApp({ env: { CMR_DESK_DEMO_WORLD: "big-account" } });
  const list = [];
  for (let page = 1; page <= 2; page++) {
    const users = await sandboxApi("GET", `/users/list?page=${page}&limit=100`);
    list.push(...(users.users ?? users.data ?? users));
  }
  atlas = list.find((u) => u.company === "Atlas Mail Group");
  small = list.filter((u) => u.company !== "Atlas Mail Group").slice(0, 2);
});

afterEach(async () => {
  if (browser) await cancelReadIfRunning();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
});

const idOf = (u) => u.userId ?? u.id;

async function manageOf(user) {
  await openArea(browser, "mailboxes");
  await press(browser, "mailboxes-tab-manage");
  await chooseCustomer(browser, idOf(user));
}

/** Stops a read still running, so the next test starts from a quiet app. */
async function cancelReadIfRunning() {
  const cancel = await browser.$('[data-testid="manage-cancel-read"]');
  if (await cancel.isExisting().catch(() => false)) await cancel.click().catch(() => {});
}

async function listCount() {
  return Number(await (await byTestId(browser, "virtual-list")).getAttribute("data-count"));
}

/** Every mailbox of a customer, as CMR lists them. */
async function mailboxesAtCmr(user) {
  const out = [];
  for (let page = 1; ; page++) {
    const data = await sandboxApi("GET", `/mailboxes/single?userId=${idOf(user)}&page=${page}&limit=100`);
    out.push(...data.mailboxes);
    if (page >= data.pagination.totalPages) return out;
  }
}

test("the Overview of a big account reads its customers only, and offers to read the rest", async () => {
  // 200 customers: reading every one's domains is the person's choice (about 40 s at 5/s).
  // The debug build starts the big world and reads the customers first: give it time.
  // Read through the page each time: the banner is replaced while the customers are read.
  const seen = () =>
    browser.execute(() => ({
      partial: document.querySelector('[data-testid="overview-partial"]')?.textContent ?? "",
      status: document.querySelector('[data-testid="overview-sync-progress"]')?.textContent ?? "",
      errors: [...document.querySelectorAll('[role="alert"]')].map((e) => e.textContent.trim()).join(" | "),
    }));
  let last;
  await browser.waitUntil(async () => (last = await seen()).partial.includes("of 200 customers"), {
    timeout: 90_000,
    timeoutMsg: "the Overview says how many of the 200 customers it covers",
  }).catch((e) => {
    throw new Error(`${e.message}; the screen showed ${JSON.stringify(last)}`);
  });
  await byTestId(browser, "overview-sync-missing");
  assert.equal(await browser.$('[data-testid="overview-sync-progress"]').isExisting(), false, "no read of every customer started on its own");
});

test("the 50,000-mailbox customer fills progressively, and Cancel keeps what was read", async () => {
  assert.ok(atlas, "the big account has Atlas Mail Group");
  await manageOf(atlas);
  const progress = await browser.$('[data-testid="manage-progress"]');
  await progress.waitForExist({ timeout: 30_000, timeoutMsg: "the read shows its progress" });
  const readNow = async () => Number(await progress.getAttribute("data-read"));
  await browser.waitUntil(async () => (await readNow()) >= 100, { timeout: 30_000, timeoutMsg: "a first page read" });
  assert.equal(await progress.getAttribute("data-total"), "50000");
  const first = await readNow();
  // Rows show before the last page arrives.
  await byTestId(browser, "manage-row");
  await browser.waitUntil(async () => (await readNow()) > first, { timeout: 30_000, timeoutMsg: "the read count rises" });
  const later = await readNow();
  assert.ok(later < 50_000, `still reading: ${later}`);
  await screenshot(browser, "big-account-progress");

  await press(browser, "manage-cancel-read");
  await browser.$('[data-testid="manage-partial"]').waitForExist({ timeout: 30_000, timeoutMsg: "the read stops and says so" });
  const kept = await listCount();
  assert.ok(kept >= later && kept < 50_000, `rows read stay: ${kept}`);
  await waitForText(await byTestId(browser, "manage-count"), `of ${kept.toLocaleString("en-US")} shown`);
});

test("a filter on a customer of the big account shows the count CMR holds", async () => {
  const [user] = small;
  assert.ok(user, "the big account has ordinary customers");
  const atCmr = await mailboxesAtCmr(user);
  await manageOf(user);
  await browser.waitUntil(async () => (await byTestId(browser, "manage-row")) && (await listCount()) === atCmr.length, {
    timeout: 30_000,
    timeoutMsg: `all ${atCmr.length} mailboxes listed`,
  });
  const domain = atCmr[atCmr.length - 1].domain;
  const expected = atCmr.filter((m) => m.domain === domain).length;
  // The domain filter's choices are read once the list is complete: wait for the domain.
  const domains = await byTestId(browser, "manage-domain");
  await domains.$(`option[value="${domain}"]`).waitForExist({ timeout: 15_000, timeoutMsg: `${domain} among the domain filter's choices` });
  await domains.selectByAttribute("value", domain);
  await browser.waitUntil(async () => (await listCount()) === expected, { timeout: 10_000, timeoutMsg: `${expected} on ${domain}` });
  await waitForText(await byTestId(browser, "manage-count"), `${expected} of ${atCmr.length} shown`);
  // Sorting by address, then the other way round, keeps the count and puts the last first.
  await press(browser, "manage-sort-label");
  const firstUp = await (await byTestId(browser, "manage-row")).getAttribute("data-email");
  await press(browser, "manage-sort-label");
  await browser.waitUntil(async () => (await (await byTestId(browser, "manage-row")).getAttribute("data-email")) !== firstUp, {
    timeout: 10_000,
    timeoutMsg: "descending order",
  });
  const emails = atCmr.filter((m) => m.domain === domain).map((m) => m.email).sort();
  assert.equal(await (await byTestId(browser, "manage-row")).getAttribute("data-email"), emails[emails.length - 1]);
  assert.equal(await listCount(), expected);
});

test("the account-wide search finds another customer's mailbox and opens it", async () => {
  const [seen, other] = small;
  assert.ok(seen && other);
  const target = (await mailboxesAtCmr(seen))[7];
  // Opening a customer's mailboxes puts them in the local copy the search reads.
  await manageOf(seen);
  await browser.waitUntil(async () => (await listCount()) > 100, { timeout: 30_000, timeoutMsg: "list read" });
  await manageOf(other);
  await browser.waitUntil(async () => (await listCount()) > 0, { timeout: 30_000, timeoutMsg: "other list read" });

  await browser.keys(["Control", "k"]);
  await browser.waitUntil(async () => (await browser.execute(() => document.activeElement?.id)) === "global-search", {
    timeout: 5_000,
    timeoutMsg: "Ctrl+K focuses the search",
  });
  await browser.keys(target.email.split(""));
  const hit = await browser.$(`[data-testid="global-search-hit"][data-kind="mailboxes"][data-label="${target.email}"]`);
  await hit.waitForExist({ timeout: 10_000 });
  assert.equal(await hit.getAttribute("data-customer-id"), idOf(seen));
  await screenshot(browser, "global-search");
  await hit.click();

  await browser.waitUntil(async () => (await currentCustomer(browser)) === idOf(seen), {
    timeout: 10_000,
    timeoutMsg: "the mailbox's customer is chosen",
  });
  const row = await browser.$(`[data-testid="manage-row"][data-email="${target.email}"]`);
  await row.waitForExist({ timeout: 20_000 }).catch(async (e) => {
    // What Manage showed instead, for the person reading a failed run.
    const shown = await browser.execute(() => ({
      search: document.querySelector("#manage-search")?.value ?? null,
      count: document.querySelector('[data-testid="virtual-list"]')?.dataset.count ?? null,
      rows: [...document.querySelectorAll('[data-testid="manage-row"]')].slice(0, 3).map((r) => r.dataset.email),
      line: document.querySelector('[data-testid="manage-count"]')?.textContent ?? null,
    }));
    throw new Error(`${e.message}; Manage showed ${JSON.stringify(shown)}`);
  });
  assert.equal(await listCount(), 1);
});
