// Launching a binary through this run's tauri-driver and timing it to its first screen.
import { launchApp, quitApp } from "../lib/app.mjs";
import { findApp, treePss } from "./proc.mjs";

/**
 * The first screen is in the DOM: CMR Desk's area navigation and its first screen's heading
 * (a screen's code loads apart from the navigation's), the bare app's one link and heading.
 */
export const FIRST_SCREEN = 'nav [data-testid^="nav-"]';
export const FIRST_HEADING = "main h1";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `binary` in a new WebDriver session and returns the session, the app's process id and
 * the milliseconds from asking for the session to the first screen (navigation and heading) being in the DOM.
 */
export async function launchTimed(binary, env) {
  // launchApp starts APP_BIN; the bench starts two different binaries through it.
  process.env.APP_BIN = binary;
  const t0 = performance.now();
  const browser = await launchApp({ env });
  for (;;) {
    // While the page is still loading the driver may answer with an error: ask again.
    const shown = await browser
      .execute((nav, heading) => !!document.querySelector(nav) && !!document.querySelector(heading), FIRST_SCREEN, FIRST_HEADING)
      .catch(() => false);
    if (shown) break;
    if (performance.now() - t0 > 60_000) throw new Error(`${binary}: no first screen within 60 s`);
  }
  const ms = performance.now() - t0;
  const pid = findApp(Number(process.env.TAURI_DRIVER_PID), binary);
  if (!pid) throw new Error(`${binary}: its process is not below tauri-driver ${process.env.TAURI_DRIVER_PID}`);
  await browser.setTimeout({ script: 900_000 });
  return { browser, pid, ms };
}

/** PSS of the app and its WebKit processes once the screen has had `settleMs` to settle. */
export async function settledPss(pid, settleMs = 5_000) {
  await sleep(settleMs);
  return treePss(pid);
}

export { quitApp, sleep };
