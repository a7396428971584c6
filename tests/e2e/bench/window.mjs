// The window part of `make bench` (scripts/bench.sh starts tauri-driver under Xvfb and runs
// this): cold starts and first-screen memory of CMR Desk's release build next to the bare
// Tauri app, then the big account's Mailboxes → Manage and 1,000-record zone in the real
// window. Writes its figures as JSON to the file named by BENCH_WINDOW_JSON.
import { writeFileSync } from "node:fs";
import { manageFigures } from "./manage.mjs";
import { dnsFigures } from "./dns.mjs";
import { launchTimed, quitApp, settledPss } from "./launch.mjs";
import { median, round } from "./stats.mjs";

const APP = process.env.APP_BIN;
const BARE = process.env.BARE_BIN;
const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);
const log = (msg) => console.error(`[bench] ${msg}`);

/** One launch: time to the first screen, then the settled PSS there. */
async function firstScreen(binary) {
  const { browser, pid, ms } = await launchTimed(binary);
  const pss = await settledPss(pid);
  await quitApp(browser);
  return { ms, pssMiB: pss.mib, procs: pss.procs.map((p) => `${p.exe} ${Math.round(p.kib / 1024)} MiB`) };
}

async function coldStarts() {
  // One launch each first, not counted: the data folder is created and the files are in the
  // page cache, so the counted launches compare the two apps alike.
  await firstScreen(APP);
  await firstScreen(BARE);
  const runs = { app: [], bare: [] };
  // Alternated, so a busy moment on the machine falls on both.
  for (let i = 0; i < LAUNCHES; i++) {
    for (const [name, binary] of [["app", APP], ["bare", BARE]]) {
      const r = await firstScreen(binary);
      log(`${name} launch ${i + 1}: ${r.ms.toFixed(0)} ms, ${r.pssMiB.toFixed(0)} MiB`);
      runs[name].push(r);
    }
  }
  const summary = (list) => ({
    coldStartMs: list.map((r) => round(r.ms, 0)),
    coldStartMedianMs: round(median(list.map((r) => r.ms)), 0),
    pssMiB: list.map((r) => round(r.pssMiB, 0)),
    pssMedianMiB: round(median(list.map((r) => r.pssMiB)), 0),
    processes: list.at(-1).procs,
  });
  return { app: summary(runs.app), bare: summary(runs.bare) };
}

async function bigAccount() {
  const { browser, pid } = await launchTimed(APP, { CMR_DESK_DEMO_WORLD: "big-account" });
  try {
    const manage = await manageFigures(browser, pid, log);
    const dns = await dnsFigures(browser, log);
    return { manage, dns };
  } finally {
    await quitApp(browser).catch(() => {});
  }
}

const figures = { launches: LAUNCHES };
log(`cold starts and first-screen memory, ${LAUNCHES} launches each`);
figures.firstScreen = await coldStarts();
log("big account: Mailboxes → Manage and the 1,000-record zone");
figures.bigAccount = await bigAccount();
writeFileSync(process.env.BENCH_WINDOW_JSON, `${JSON.stringify(figures, null, 2)}\n`);
log(`window figures written to ${process.env.BENCH_WINDOW_JSON}`);
