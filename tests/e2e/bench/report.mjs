// Writes artifacts/bench.md and bench.json from what scripts/bench.sh measured: the window's
// figures (window.mjs), the bulk runner's (cmr-core's bulk_bench example), the account-wide
// search's (search_bench) and the binaries' sizes and build times. Each figure stands beside
// its reference (the bare app) where one exists and its goal, marked met or not met. Nothing
// here fails on a goal.
//   node report.mjs <dir>   (the folder holding window.json, bulk-5.json, bulk-50.json, search.json, build.json)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const load = (name) => {
  try {
    return JSON.parse(readFileSync(join(dir, name), "utf8"));
  } catch (e) {
    return { error: `${name}: ${e.message}` };
  }
};
const win = load("window.json");
const bulk5 = load("bulk-5.json");
const bulk50 = load("bulk-50.json");
const build = load("build.json");
const search = load("search.json");

const rows = [];
/**
 * One row: `value` against `goal` ({ max } or { below }, against the value or, with `ratio`,
 * against value ÷ reference). A figure that could not be measured says why.
 */
function row(figure, unit, value, { reference = null, goal = null, goalText = "—", ratio = false, note = "" } = {}) {
  const measured = typeof value === "number" && Number.isFinite(value);
  const judged = ratio && measured && reference ? value / reference : value;
  let met = null;
  if (goal && measured) met = goal.max !== undefined ? judged <= goal.max : judged < goal.below;
  rows.push({ figure, unit, value: measured ? value : null, reference, ratio: measured && reference ? value / reference : null, goal: goalText, met, note: measured ? note : `${note ? `${note}; ` : ""}not measured: ${value?.error ?? value ?? "no figure"}` });
}
const get = (obj, path) => path.split(".").reduce((o, k) => o?.[k], obj);
/** A number on `path`, or the error of the part of the run that should have measured it. */
function num(obj, path) {
  let o = obj;
  for (const k of path.split(".")) {
    if (o?.error) return o;
    o = o?.[k];
  }
  return typeof o === "number" ? o : { error: `${path} missing` };
}

const bare = win.firstScreen?.bare ?? {};
const launches = win.launches ?? 5;
row(`Cold start to the first screen (median of ${launches})`, "ms", num(win, "firstScreen.app.coldStartMedianMs"), {
  reference: bare.coldStartMedianMs, ratio: true, goal: { max: 1.1 }, goalText: "≤ 1.1× bare",
  note: "WebDriver session requested → first screen's navigation and heading in the DOM",
});
row(`Memory (PSS) on the first screen (median of ${launches})`, "MiB", num(win, "firstScreen.app.pssMedianMiB"), {
  reference: bare.pssMedianMiB, ratio: true, goal: { max: 1.1 }, goalText: "≤ 1.1× bare",
  note: "app + WebKit processes, 5 s after the first screen",
});
row("Memory (PSS), Manage with 50,000 mailboxes listed", "MiB", num(win, "bigAccount.manage.pssMiB"), {
  reference: bare.pssMedianMiB, ratio: true, goal: { max: 1.5 }, goalText: "≤ 1.5× bare",
  note: "reference: the bare app on its first screen",
});
row("Manage: first listing of 50,000 mailboxes", "s", num(win, "bigAccount.manage.firstListingS"), { note: "Manage opened → all rows listed (no goal set)" });
row("Manage: filter keystroke → repainted list, p50", "ms", num(win, "bigAccount.manage.keystroke.p50Ms"), { note: `over ${get(win, "bigAccount.manage.keystroke.count") ?? "?"} keystrokes` });
row("Manage: filter keystroke → repainted list, p95", "ms", num(win, "bigAccount.manage.keystroke.p95Ms"), { goal: { below: 50 }, goalText: "< 50 ms" });
row("Manage: scrolling the whole list, longest frame", "ms", num(win, "bigAccount.manage.scroll.longestFrameMs"), {
  goal: { max: 50 }, goalText: "≤ 50 ms",
  note: `${get(win, "bigAccount.manage.scroll.frames") ?? "?"} frames, ${get(win, "bigAccount.manage.scroll.framesOver50Ms") ?? "?"} over 50 ms, p95 ${get(win, "bigAccount.manage.scroll.p95FrameMs") ?? "?"} ms`,
});
row("1,000-record zone: open (longest of 3)", "ms", num(win, "bigAccount.dns.open.maxMs"), {
  goal: { below: 100 }, goalText: "< 100 ms", note: `in the window: ${get(win, "bigAccount.dns.open.how") ?? ""}; median ${get(win, "bigAccount.dns.open.medianMs") ?? "?"} ms`,
});
row("1,000-record zone: filter keystroke, p95", "ms", num(win, "bigAccount.dns.filter.p95Ms"), {
  goal: { below: 100 }, goalText: "< 100 ms", note: `in the window, ${get(win, "bigAccount.dns.filter.count") ?? "?"} keystrokes; longest ${get(win, "bigAccount.dns.filter.maxMs") ?? "?"} ms`,
});
row("1,000-record zone: plan of 100 edits", "ms", num(win, "bigAccount.dns.plan.ms"), {
  goal: { below: 100 }, goalText: "< 100 ms", note: `in the window: Review plan → plan shown (${get(win, "bigAccount.dns.plan.summary") ?? ""})`,
});
row("Account-wide search (Ctrl+K), p95", "ms", num(search, "p95Ms"), {
  goal: { below: 50 }, goalText: "< 50 ms",
  note: `${search.queries ?? "?"} queries over ${search.customers ?? "?"} customers, ${search.domains?.toLocaleString?.("en") ?? "?"} domains, ${search.mailboxes?.toLocaleString?.("en") ?? "?"} mailboxes in the row cache; p50 ${search.p50Ms?.toFixed?.(2) ?? "?"} ms, longest ${search.maxMs?.toFixed?.(2) ?? "?"} ms`,
});
for (const [b, label] of [[bulk5, "5"], [bulk50, "50"]]) {
  row(`Bulk: ${b.items ?? "?"} DNS writes at ${label}/s, elapsed ÷ ideal`, "×", num(b, "ratio"), {
    goal: { max: 1.05 }, goalText: "≤ 1.05", note: `${b.elapsedS?.toFixed?.(1) ?? "?"} s for ideal ${b.idealS ?? "?"} s; ${b.succeeded ?? "?"} succeeded`,
  });
  row(`Bulk: ${b.items ?? "?"} DNS writes at ${label}/s, 429 responses`, "", num(b, "rateLimited"), { goal: { max: 0 }, goalText: "0" });
}
const mb = (bytes) => (typeof bytes === "number" ? bytes / 1e6 : { error: "no binary" });
row("Release binary size", "MB", mb(build.appBytes), {
  reference: typeof build.bareBytes === "number" ? build.bareBytes / 1e6 : null, goal: { below: 20 }, goalText: "< 20 MB",
  note: `profile.release: ${build.profile ?? "?"}`,
});
if (typeof build.appBytes === "number" && typeof build.bareBytes === "number") {
  row("Release binary size ÷ bare", "×", build.appBytes / build.bareBytes, { goal: { max: 2 }, goalText: "≤ 2×" });
}

function fmt(x, unit) {
  if (x === null) return "—";
  if (unit === "×") return `${x.toFixed(3)}×`;
  const text = Number.isInteger(x) || x >= 100 ? x.toFixed(0) : x.toFixed(1);
  return unit ? `${text} ${unit}` : text;
}
const lines = [
  "# CMR Desk benchmark",
  "",
  `${new Date().toISOString()} · ${build.host ?? ""} · release builds: app ${build.appBuildS ?? "?"} s, bare app ${build.bareBuildS ?? "?"} s`,
  "",
  "| Figure | CMR Desk | Bare Tauri app | Ratio | Goal | Met | Notes |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) =>
    `| ${r.figure} | ${fmt(r.value, r.unit)} | ${r.reference === null || r.reference === undefined ? "—" : fmt(r.reference, r.unit)} | ${r.ratio === null ? "—" : `${r.ratio.toFixed(2)}×`} | ${r.goal} | ${r.met === null ? "—" : r.met ? "met" : "not met"} | ${r.note} |`,
  ),
  "",
];
writeFileSync(join(dir, "..", "bench.md"), lines.join("\n"));
writeFileSync(join(dir, "..", "bench.json"), `${JSON.stringify({ rows, window: win, bulk: { at5: bulk5, at50: bulk50 }, search, build }, null, 2)}\n`);
console.log(lines.join("\n"));
