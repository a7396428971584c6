// The app's own folders in the test home, and helpers to prepare them before a launch (a new
// user, a broken file) and put them back afterwards.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ID = "com.cmrdesk.desktop";
export const configDir = () => join(process.env.XDG_CONFIG_HOME, ID);
export const dataDir = () => join(process.env.XDG_DATA_HOME, ID);
export const settingsFile = () => join(configDir(), "settings.json");
export const profilesFile = () => join(dataDir(), "profiles.json");
export const appLog = () => join(dataDir(), "logs", "app.log");

/** Moves a file or folder out of the way; returns a function that puts it back. */
export function setAside(path) {
  const aside = `${path}.e2e-aside`;
  const had = existsSync(path);
  if (had) renameSync(path, aside);
  return () => {
    rmSync(path, { recursive: true, force: true });
    if (had) renameSync(aside, path);
  };
}

export function write(path, text) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

export const read = (path) => (existsSync(path) ? readFileSync(path, "utf8") : null);

/** Files in `dir` whose names start with `prefix`. */
export const filesStartingWith = (dir, prefix) =>
  existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith(prefix)) : [];

/** Waits until the window has decided whether to show the welcome. */
export async function welcomeDecided(browser) {
  await browser.waitUntil(() => browser.execute(() => document.body.dataset.welcomeChecked === "yes"), {
    timeout: 15_000,
    timeoutMsg: "the window never checked for the welcome",
  });
}
