// Mailboxes → Manage with the big account's 50,000-mailbox customer (Atlas Mail Group): the
// first listing, memory with the list loaded, filter keystrokes and a scroll through the list.
import { currentCustomer, fill, openArea, press, waitForCustomer } from "../lib/app.mjs";
import { settledPss } from "./launch.mjs";
import { scrollWholeList, typeAndWaitForRepaint } from "./page.mjs";
import { quantile, round } from "./stats.mjs";

export const BIG_CUSTOMER = "Atlas Mail Group";
const MAILBOXES = 50_000;
const KEYSTROKES = 50;
// Letters not in the customer's domains (atlasNNNN-mail.com), so each one narrows the list.
const LETTERS = "bdefghjknpruvwy";

/** Chooses the big customer in the sidebar's switcher, found by typing its name. */
export async function chooseBigCustomer(browser) {
  await waitForCustomer(browser);
  await press(browser, "customer-switcher");
  await fill(browser, '[data-testid="customer-switcher-search"]', BIG_CUSTOMER);
  // The option naming the customer, read in the page: the options are redrawn as the search
  // narrows them, and the driver's element text of a list option can come back empty.
  let id = null;
  await browser.waitUntil(
    async () =>
      (id = await browser.execute((name) => {
        const options = [...document.querySelectorAll('[data-testid="customer-option"]')];
        return options.find((o) => o.textContent.includes(name))?.dataset.customerId ?? null;
      }, BIG_CUSTOMER)) !== null,
    { timeout: 60_000, timeoutMsg: `no customer named ${BIG_CUSTOMER}: is CMR_DESK_DEMO_WORLD=big-account reaching the app?` },
  ).catch(async (e) => {
    // What the window showed instead, for the person reading the failed run.
    await browser.saveScreenshot(`${process.env.ARTIFACTS_DIR ?? "."}/bench-no-big-customer.png`).catch(() => {});
    throw e;
  });
  await press(browser, `[data-testid="customer-option"][data-customer-id="${id}"]`);
  await browser.waitUntil(async () => (await currentCustomer(browser)) === id, { timeout: 10_000, timeoutMsg: `${BIG_CUSTOMER} chosen` });
}

async function listed(browser) {
  return browser.execute(() => {
    const list = document.querySelector('[data-testid="virtual-list"]');
    return list && document.querySelector('[data-testid="manage-row"]') ? Number(list.dataset.count) : 0;
  });
}

/** Sets the search box without timing it, and waits for the whole list again. */
async function clearSearch(browser) {
  await browser.execute(() => {
    const el = document.querySelector("#manage-search");
    el.value = "";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await browser.waitUntil(async () => (await listed(browser)) >= MAILBOXES, { timeout: 60_000, timeoutMsg: "the whole list again" });
}

/** Keystrokes in the search box: a letter typed (the list narrows), then deleted (all again). */
async function keystrokes(browser, log) {
  const samples = [];
  const unchanged = [];
  for (let i = 0; samples.length < KEYSTROKES && i < KEYSTROKES; i++) {
    const letter = LETTERS[i % LETTERS.length];
    const typed = await browser.executeAsync(typeAndWaitForRepaint, "#manage-search", letter, "manage", 60_000);
    if (typed.error) {
      // The list did not change (every mailbox holds the letter): nothing to repaint, not timed.
      unchanged.push(`${letter}: ${typed.error}`);
      await clearSearch(browser);
      continue;
    }
    const deleted = await browser.executeAsync(typeAndWaitForRepaint, "#manage-search", "", "manage", 60_000);
    if (deleted.error) throw new Error(`deleting ${letter}: ${deleted.error}`);
    samples.push(typed.ms, deleted.ms);
  }
  log(`manage keystrokes: p50 ${quantile(samples, 0.5)?.toFixed(1)} ms, p95 ${quantile(samples, 0.95)?.toFixed(1)} ms`);
  return { count: samples.length, samplesMs: samples.map((x) => round(x, 1)), p50Ms: round(quantile(samples, 0.5)), p95Ms: round(quantile(samples, 0.95)), unchanged };
}

async function scroll(browser, log) {
  // In parts of at most 30 s each, resuming where the last stopped.
  const r = { frames: [], ms: 0 };
  for (let top = 0; ; ) {
    const part = await browser.executeAsync(scrollWholeList, 1_000, top, 30_000);
    if (part.error) throw new Error(part.error);
    r.frames.push(...part.frames);
    r.ms += part.ms;
    if (part.end) break;
    top = part.top;
  }
  const longest = Math.max(...r.frames);
  log(`manage scroll: ${r.frames.length} frames over ${(r.ms / 1000).toFixed(1)} s, longest ${longest.toFixed(1)} ms`);
  return {
    stepPx: 1_000,
    frames: r.frames.length,
    seconds: round(r.ms / 1000),
    longestFrameMs: round(longest),
    p95FrameMs: round(quantile(r.frames, 0.95)),
    framesOver50Ms: r.frames.filter((f) => f > 50).length,
  };
}

/** Each figure is measured on its own: one that fails is reported with its error. */
async function attempt(name, log, fn) {
  try {
    return await fn();
  } catch (e) {
    log(`${name} failed: ${e.message}`);
    return { error: String(e.message ?? e) };
  }
}

export async function manageFigures(browser, pid, log) {
  const figures = {};
  const t0 = performance.now();
  await openArea(browser, "mailboxes");
  await press(browser, "mailboxes-tab-manage");
  await chooseBigCustomer(browser);
  // The first listing may take minutes while the list is read page by page at the Demo's rate.
  await browser.waitUntil(async () => (await listed(browser)) >= MAILBOXES, {
    timeout: 1_800_000,
    interval: 1_000,
    timeoutMsg: `${MAILBOXES} mailboxes listed within 30 min`,
  });
  figures.firstListingS = round((performance.now() - t0) / 1000);
  log(`manage: ${MAILBOXES} mailboxes listed after ${figures.firstListingS} s`);
  const pss = await settledPss(pid);
  figures.pssMiB = round(pss.mib, 0);
  log(`manage: PSS ${figures.pssMiB} MiB with the list loaded`);
  figures.keystroke = await attempt("keystrokes", log, () => keystrokes(browser, log));
  await clearSearch(browser);
  figures.scroll = await attempt("scroll", log, () => scroll(browser, log));
  return figures;
}

export { attempt };
