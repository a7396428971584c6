// Drives the real CMR Desk window through tauri-driver. One session = one app process.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { remote } from "webdriverio";

const artifacts = process.env.ARTIFACTS_DIR ?? "artifacts";

/**
 * Starts the app in a new session. `env` adds variables to the app's environment only (the
 * driver, already running, passes on its own): the app is started through a small script that
 * sets them and then becomes the app, e.g. `{ GTK_THEME: "Adwaita:dark" }` for a dark desktop.
 */
export async function launchApp({ env } = {}) {
  let app = process.env.APP_BIN;
  if (!app) throw new Error("APP_BIN is not set: run the E2E tests through scripts/test.sh");
  if (env && Object.keys(env).length > 0) {
    const quote = (v) => `'${String(v).replace(/'/g, "'\\''")}'`;
    const vars = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`).join(" ");
    const wrapper = join(mkdtempSync(join(tmpdir(), "cmr-desk-e2e-")), "cmr-desk");
    writeFileSync(wrapper, `#!/bin/sh\nexec env ${vars} ${quote(app)} "$@"\n`);
    chmodSync(wrapper, 0o755);
    app = wrapper;
  }
  const browser = await remote({
    hostname: "127.0.0.1",
    port: Number(process.env.TAURI_DRIVER_PORT ?? 4444),
    logLevel: "warn",
    capabilities: { "tauri:options": { application: app }, "wdio:enforceWebDriverClassic": true },
  });
  await browser.setTimeout({ implicit: 0 });
  return browser;
}

/**
 * Ends the app's session and waits until the app has left the session bus: a launch while the
 * old process still holds its single-instance name would hand over to it (and fail) instead
 * of starting afresh. The bus is the test run's own (dbus-run-session), so the name is ours.
 */
export async function quitApp(browser) {
  await browser.deleteSession();
  for (let i = 0; i < 100; i++) {
    const names = execFileSync(
      "dbus-send",
      ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
      { encoding: "utf8" },
    );
    if (!names.includes("com.cmrdesk.desktop.SingleInstance")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the app did not quit within 10 s");
}

/** Keeps a picture of a screen for people to look at; not compared by the tests. */
export async function screenshot(browser, name) {
  const dir = join(artifacts, "screenshots");
  mkdirSync(dir, { recursive: true });
  await browser.saveScreenshot(join(dir, `${name}.png`));
}

export async function byTestId(browser, id) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForDisplayed({ timeout: 10_000 });
  return el;
}

/** Types into an input, replacing what it held. */
export async function fill(browser, selector, value) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout: 10_000 });
  await el.clearValue();
  if (value !== "") await el.setValue(value);
}

export async function waitForText(el, expected, timeout = 10_000) {
  await el.waitUntil(async () => (await el.getText()).includes(expected), {
    timeout,
    timeoutMsg: `expected text containing "${expected}"`,
  });
}

/** The key as the OS keychain (Secret Service) holds it, or null when there is no entry. */
export function keychainLookup(profileId, entry = "") {
  try {
    return execFileSync("secret-tool", ["lookup", "service", "cmr-desk", "username", `profile:${profileId}${entry}`], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return null;
  }
}

/** Every file under the app's own folders whose bytes contain `needle`. */
export function filesContaining(needle) {
  const roots = [process.env.XDG_DATA_HOME, process.env.XDG_CONFIG_HOME, process.env.XDG_CACHE_HOME]
    .filter(Boolean)
    .map((r) => join(r, "com.cmrdesk.desktop"));
  const hits = [];
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (readFileSync(path).includes(needle)) hits.push(path);
    }
  };
  roots.forEach(walk);
  return hits;
}

/** The Demo sandbox's admin view (`/__admin/state?full=true`): what the app really changed. */
export async function sandboxState() {
  const port = process.env.CMR_DESK_DEMO_PORT;
  const res = await fetch(`http://127.0.0.1:${port}/__admin/state?full=true`, {
    headers: { "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY },
  });
  if (!res.ok) throw new Error(`sandbox state: HTTP ${res.status}`);
  return res.json();
}

/** Sets the Demo sandbox's wallet (`PUT /__admin/wallet`), e.g. low to test a refused payment. */
export async function setWallet(balanceCents) {
  const port = process.env.CMR_DESK_DEMO_PORT;
  const res = await fetch(`http://127.0.0.1:${port}/__admin/wallet`, {
    method: "PUT",
    headers: { "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY, "content-type": "application/json" },
    body: JSON.stringify({ balanceCents }),
  });
  if (!res.ok) throw new Error(`set wallet: HTTP ${res.status}`);
}

/** Stops ("manual") or restarts ("fast", "real") the Demo sandbox's clock. */
export async function setClockMode(mode) {
  await sandboxAdmin("POST", "/clock/mode", { mode });
}

/** Holds (or releases) the Demo sandbox's DNS publishing: changes then stay at CMR only. */
export async function holdDnsPublishing(held) {
  await sandboxAdmin("PUT", "/dns/publishing", { held });
}

async function sandboxAdmin(method, path, body) {
  const res = await fetch(`http://127.0.0.1:${process.env.CMR_DESK_DEMO_PORT}/__admin${path}`, {
    method,
    headers: { "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} /__admin${path}: HTTP ${res.status}`);
}

/**
 * Arms the Demo sandbox's faults (`PUT /__admin/faults`), e.g. a paid call that is carried out
 * and then never answered.
 */
export async function setFaults(body) {
  const port = process.env.CMR_DESK_DEMO_PORT;
  const res = await fetch(`http://127.0.0.1:${port}/__admin/faults`, {
    method: "PUT",
    headers: { "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`set faults: HTTP ${res.status}`);
}

/** Disarms every fault (`DELETE /__admin/faults`). */
export async function clearFaults() {
  const port = process.env.CMR_DESK_DEMO_PORT;
  const res = await fetch(`http://127.0.0.1:${port}/__admin/faults`, {
    method: "DELETE",
    headers: { "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY },
  });
  if (!res.ok) throw new Error(`clear faults: HTTP ${res.status}`);
}

/** The Demo sandbox's webhook events (`GET /__admin/events`), optionally of one name. */
export async function sandboxEvents(name) {
  const port = process.env.CMR_DESK_DEMO_PORT;
  const query = name ? `?event=${encodeURIComponent(name)}` : "";
  const res = await fetch(`http://127.0.0.1:${port}/__admin/events${query}`, {
    headers: { "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY },
  });
  if (!res.ok) throw new Error(`sandbox events: HTTP ${res.status}`);
  return (await res.json()).data.events;
}

/**
 * Calls the Demo sandbox answered per route since the last clear (`GET /__admin/calls`), e.g.
 * `{"GET /orders/status": 4}`; `{ clear: true }` starts the count afresh.
 */
export async function sandboxCalls({ clear = false } = {}) {
  const port = process.env.CMR_DESK_DEMO_PORT;
  const res = await fetch(`http://127.0.0.1:${port}/__admin/calls`, {
    method: clear ? "DELETE" : "GET",
    headers: { "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY },
  });
  if (!res.ok) throw new Error(`sandbox calls: HTTP ${res.status}`);
  return clear ? {} : (await res.json()).data;
}

/** The sandbox's records: the admin view's `data`. */
export async function sandboxData() {
  return (await sandboxState()).data;
}

/** The admin view keys records by id; lists are easier to search. */
export const values = (x) => (Array.isArray(x) ? x : Object.values(x ?? {}));

export const dollars = (cents) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/** Sets a textarea's text at once (typed newlines do not reach WebKit's textarea). */
export async function setText(browser, selector, text) {
  await browser.execute(
    (sel, value) => {
      const el = document.querySelector(sel);
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    },
    selector,
    text,
  );
}

export async function dismissNotices(browser) {
  for (const button of await browser.$$('[data-testid="action-notice"] button')) await button.click().catch(() => {});
}

/**
 * Clicks a control (a test id, a selector or an element already found) once it is shown and
 * enabled: a button waiting on a read (a quote, a balance) is disabled until then. Should
 * anything cover it, notices are dismissed, as a person would, and the click retried. Every
 * spec clicks through here, so each click waits and recovers the same way.
 */
export async function press(browser, target) {
  const el = typeof target === "string" ? await browser.$(/[[.#\s>]/.test(target) ? target : `[data-testid="${target}"]`) : target;
  await el.waitForDisplayed({ timeout: 10_000 });
  await el.waitForEnabled({ timeout: 10_000 });
  for (let attempt = 0; ; attempt++) {
    await el.scrollIntoView({ block: "center" });
    try {
      await el.click();
      return;
    } catch (e) {
      if (attempt >= 2 || !/intercepted/i.test(String(e))) throw e;
      await dismissNotices(browser);
    }
  }
}

/**
 * Shows an area's screen afresh through the sidebar: a dialog still open is closed first, and
 * the way there leads through another area, so the screen is built anew (no form, filter or
 * selection left by an earlier test) and reads its lists again. Every test that needs a
 * screen starts here, not from where the test before it stopped.
 */
export async function openArea(browser, area) {
  // A dialog left open (a form, a confirmation) holds the window: close it as a person would.
  for (let i = 0; i < 5 && (await browser.$("dialog[open]").isExisting()); i++) {
    await browser.keys("Escape");
    await browser.waitUntil(async () => !(await browser.$("dialog[open]").isExisting()), { timeout: 2_000 }).catch(() => {});
  }
  await press(browser, area === "settings" ? "nav-activity" : "nav-settings");
  await press(browser, `nav-${area}`);
}

/**
 * Calls the Demo sandbox's partner API (`/api/v1/integration…`, the routes the app itself
 * uses) from the test, to set up a record a test needs without going through the window.
 * Returns the reply's `data`; a rate-limited call (429) is retried.
 */
export async function sandboxApi(method, path, body) {
  const port = process.env.CMR_DESK_DEMO_PORT;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/integration${path}`, {
      method,
      headers: {
        "cmr-x-api-key": process.env.CMR_DESK_DEMO_KEY,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 429 && attempt < 20) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      continue;
    }
    const reply = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(reply)}`);
    return reply?.data;
  }
}

/** Creates a customer at CMR through the API (`POST /users`); returns its id. */
export async function createCustomerAtCmr({ email, company, firstName = "Test", lastName = "Customer" }) {
  const data = await sandboxApi("POST", "/users", {
    email,
    company,
    firstName,
    lastName,
    country: "US",
    state: "Massachusetts",
    city: "Boston",
    addressLineOne: "1 Harbour Road",
    postalCode: "02110",
    languagePreference: "en",
    phoneCc: "1",
    phone: "6175550100",
  });
  return data.userId ?? data.id;
}

/** The id of the customer the sidebar's switcher has chosen ("" while none is). */
export async function currentCustomer(browser) {
  return (await byTestId(browser, "customer-switcher")).getAttribute("data-customer-id");
}

/** Waits until the switcher has chosen a customer (the list was read); returns its id. */
export async function waitForCustomer(browser) {
  let id = "";
  await browser.waitUntil(async () => (id = await currentCustomer(browser)) !== "", {
    timeout: 15_000,
    timeoutMsg: "no customer was chosen in the sidebar",
  });
  return id;
}

/**
 * Chooses a customer the way a person does: open the sidebar's switcher, type to search
 * (the id finds exactly one), pick the match. Nothing happens when it is already chosen.
 */
export async function chooseCustomer(browser, id) {
  await waitForCustomer(browser);
  if ((await currentCustomer(browser)) === id) return;
  await press(browser, "customer-switcher");
  await fill(browser, '[data-testid="customer-switcher-search"]', id);
  const option = `[data-testid="customer-option"][data-customer-id="${id}"]`;
  // A customer added behind the app's back is not in the cached list yet: read it again.
  if (!(await browser.$(option).waitForDisplayed({ timeout: 3_000 }).catch(() => false))) {
    await press(browser, "customer-switcher-refresh");
  }
  await press(browser, option);
  await browser.waitUntil(async () => (await currentCustomer(browser)) === id, {
    timeout: 10_000,
    timeoutMsg: `customer ${id} was not chosen`,
  });
}

/**
 * DNS afresh on a customer and domain (as the screen opens when not named), its records
 * listed; returns the customer and domain shown.
 */
export async function openDns(browser, { customer, domain } = {}) {
  await openArea(browser, "dns");
  await byTestId(browser, "dns-screen");
  if (customer) await chooseCustomer(browser, customer);
  else await waitForCustomer(browser);
  const domains = await byTestId(browser, "dns-domain");
  await browser.waitUntil(async () => (await domains.getValue()) !== "", { timeout: 15_000, timeoutMsg: "a domain is chosen" });
  if (domain && (await domains.getValue()) !== domain) await domains.selectByAttribute("value", domain);
  await browser.waitUntil(async () => (await browser.$$('[data-testid="dns-row"]')).length > 0, {
    timeout: 15_000,
    timeoutMsg: "records appear",
  });
  return { customer: await currentCustomer(browser), domain: await domains.getValue() };
}
