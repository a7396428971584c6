// Functions run inside the window (WebDriver executeAsync): each changes something the way the
// screen's own input would, then waits for the DOM to show the result and for two animation
// frames (the frame with the change painted), timed with performance.now(). Nothing here needs
// a change to the app: they use the screens' test ids only. Each returns { ms } or { error }.

/**
 * Sets an input's value as a keystroke would (one input event with the whole value), then
 * waits until the list of screen `kind` differs from before (its row count or first row; the
 * page's CSP allows no eval, so the list signatures live here by name) and rows are shown.
 */
export function typeAndWaitForRepaint(inputSelector, value, kind, timeoutMs, done) {
  const signatures = {
    // Mailboxes → Manage: the list's row count (or its "none shown" note) and its first row.
    manage: () => {
      const list = document.querySelector('[data-testid="virtual-list"]');
      const none = document.querySelector('[data-testid="manage-none-shown"]');
      const row = document.querySelector('[data-testid="manage-row"]');
      if (none) return { sig: "none", ready: true };
      if (!list) return { sig: "missing", ready: false };
      return { sig: `${list.dataset.count}|${row?.dataset.email ?? ""}`, ready: !!row };
    },
    // DNS: the "N of M records" line (or its "no record matches" note) and the first row.
    dns: () => {
      const none = document.querySelector('[data-testid="dns-no-match"]');
      const row = document.querySelector('[data-testid="dns-row"]');
      const line = document.querySelector('[data-testid="dns-screen"]')?.textContent.match(/(\d+) of (\d+) records/)?.[0];
      if (none) return { sig: "none", ready: true };
      return { sig: `${line ?? ""}|${row?.dataset.recordId ?? ""}`, ready: !!row && !!line };
    },
  };
  const sig = signatures[kind];
  const before = sig().sig;
  const input = document.querySelector(inputSelector);
  if (!input) return done({ error: `no ${inputSelector}` });
  let finished = false;
  const observer = new MutationObserver(check);
  const t0 = performance.now();
  const timer = setTimeout(() => finish({ error: `no repaint within ${timeoutMs} ms (still ${sig().sig})` }), timeoutMs);
  function finish(result) {
    if (finished) return;
    finished = true;
    observer.disconnect();
    clearTimeout(timer);
    done(result);
  }
  function check() {
    const now = sig();
    if (finished || !now.ready || now.sig === before) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => finish({ ms: performance.now() - t0, sig: now.sig })));
  }
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  check();
}

/**
 * Scrolls the Manage list by `step` pixels a frame from `fromTop`, recording each frame's
 * length, for at most `budgetMs` (the caller resumes from `top` until `end`): one script that
 * ran through a 50,000-row list could outlast the driver's request timeout.
 */
export function scrollWholeList(step, fromTop, budgetMs, done) {
  const list = document.querySelector('[data-testid="virtual-list"]');
  if (!list) return done({ error: "no list" });
  list.scrollTop = fromTop;
  const frames = [];
  let last = null;
  const t0 = performance.now();
  function frame(t) {
    if (last !== null) frames.push(t - last);
    last = t;
    const end = list.scrollTop + list.clientHeight >= list.scrollHeight - 1;
    if (end || performance.now() - t0 > budgetMs) {
      done({ frames, ms: performance.now() - t0, top: list.scrollTop, end, height: list.scrollHeight });
      return;
    }
    list.scrollTop += step;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
}

/**
 * Runs a click (on `clickSelector`, or a change of a select to `selectValue`) and waits until
 * the DNS screen lists at least `minRecords` records of `domain` (or, with `doneSelector`, until
 * that element exists), then two frames.
 */
export function actAndWait(action, until, timeoutMs, done) {
  const t0 = performance.now();
  let finished = false;
  const reached = () => {
    if (until.selector) return !!document.querySelector(until.selector);
    const domain = document.querySelector('[data-testid="dns-domain"]')?.value;
    const total = Number(document.querySelector('[data-testid="dns-screen"]')?.textContent.match(/\d+ of (\d+) records/)?.[1] ?? 0);
    return domain === until.domain && total >= until.minRecords && !!document.querySelector('[data-testid="dns-row"]');
  };
  const observer = new MutationObserver(check);
  const timer = setTimeout(() => finish({ error: `not reached within ${timeoutMs} ms` }), timeoutMs);
  function finish(result) {
    if (finished) return;
    finished = true;
    observer.disconnect();
    clearTimeout(timer);
    done(result);
  }
  function check() {
    if (finished || !reached()) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => finish({ ms: performance.now() - t0 })));
  }
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  if (action.click) document.querySelector(action.click).click();
  else {
    const select = document.querySelector(action.select);
    select.value = action.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
  check();
}

/** Queues one DNS edit the way the screen does: search the host, Edit, a new value, Add to plan. */
export async function queueDnsEdit(host, value, done) {
  const wait = (pred, ms = 15_000) =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const poll = () => {
        const v = pred();
        if (v) resolve(v);
        else if (performance.now() - t0 > ms) reject(new Error(`timed out waiting (${host})`));
        else requestAnimationFrame(poll);
      };
      poll();
    });
  try {
    const search = document.querySelector("#dns-search");
    search.value = host;
    search.dispatchEvent(new Event("input", { bubbles: true }));
    const row = await wait(() => [...document.querySelectorAll('[data-testid="dns-row"]')].find((r) => r.dataset.host === host));
    row.querySelector('[data-testid="dns-edit"]').click();
    const input = await wait(() => document.querySelector("dialog[open] #dns-value"));
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    document.querySelector('dialog[open] [data-testid="dns-form-save"]').click();
    await wait(() => !document.querySelector("dialog[open] #dns-value"));
    done({ pending: document.querySelector('[data-testid="dns-pending"] h2')?.textContent ?? "" });
  } catch (e) {
    done({ error: String(e) });
  }
}
