// The active profile, kept once for the whole window. Every profile opened since launch keeps
// its own tracker and jobs running and reports them to the window, so screens keep only the
// active profile's action and job events (another profile's must never look like this one's).
import { commands, events, type ActionView, type JobView, type OrderReading, type ProfileView } from "../bindings";
import { call } from "./errors";

export const activeProfile = $state<{ view: ProfileView | null }>({ view: null });

let following = false;
let latestLoad = 0;

/** Reads the active profile again; an answer overtaken by a later read is dropped. */
export async function reloadActiveProfile(): Promise<void> {
  const mine = ++latestLoad;
  let view: ProfileView | null = null;
  try {
    view = (await call(commands.listProfiles())).find((p) => p.active) ?? null;
  } catch {
    view = null; // the Profiles screen shows the error in full
  }
  if (mine === latestLoad) activeProfile.view = view;
}

/** Starts following the active profile; once per window, whoever asks first. */
export function followActiveProfile(): void {
  if (following) return;
  following = true;
  reloadActiveProfile();
  events.profilesChanged.listen(() => reloadActiveProfile());
}

/** Sets the active profile directly (tests). */
export function setActiveProfile(view: ProfileView | null): void {
  latestLoad++;
  activeProfile.view = view;
}

/** Wraps an event handler so it sees only the active profile's payloads; until the active
 *  profile is known nothing passes (the screens read their lists when they open anyway). */
export function onlyActiveProfile<T extends { profileId: string }>(handler: (payload: T) => void): (event: { payload: T }) => void {
  return (event) => {
    const active = activeProfile.view;
    if (active !== null && event.payload.profileId === active.id) handler(event.payload);
  };
}

/** `events.actionProgress.listen`, for the active profile's actions only. */
export function onActionProgress(handler: (action: ActionView) => void) {
  followActiveProfile();
  return events.actionProgress.listen(onlyActiveProfile(handler));
}

/** `events.orderProgress.listen`, for the active profile's order readings only. */
export function onOrderProgress(handler: (reading: OrderReading) => void) {
  followActiveProfile();
  return events.orderProgress.listen(onlyActiveProfile(handler));
}

/** `events.jobProgress.listen`, for the active profile's jobs only. */
export function onJobProgress(handler: (job: JobView) => void) {
  followActiveProfile();
  return events.jobProgress.listen(onlyActiveProfile(handler));
}
