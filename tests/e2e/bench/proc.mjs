// Resident memory of a launched app: the PSS (proportional set size, so pages shared between
// the app and its WebKit processes count once in total) of the app process and every process
// below it (WebKitWebProcess, WebKitNetworkProcess), read from /proc/<pid>/smaps_rollup.
import { readFileSync, readdirSync, realpathSync } from "node:fs";

function parentOf(pid) {
  try {
    // The command name (field 2) may hold spaces; the parent is the second field after it.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function exeOf(pid) {
  try {
    return realpathSync(`/proc/${pid}/exe`);
  } catch {
    return null;
  }
}

const pids = () => readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);

/** Every process below `root`, `root` included. */
function tree(root) {
  const children = new Map();
  for (const pid of pids()) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const out = [];
  const walk = (pid) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** The process running `binary` below `driverPid` (this run's tauri-driver), or null. */
export function findApp(driverPid, binary) {
  const want = realpathSync(binary);
  return tree(driverPid).find((pid) => exeOf(pid) === want) ?? null;
}

function pssKiB(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** PSS in MiB of the app and its descendants, with the processes it counted. */
export function treePss(appPid) {
  const procs = tree(appPid).map((pid) => ({ pid, exe: exeOf(pid), kib: pssKiB(pid) }));
  return { mib: procs.reduce((s, p) => s + p.kib, 0) / 1024, procs };
}
