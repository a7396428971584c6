// Listening to backend events from a component: `listen` answers with a promise of the
// unlisten function, while a component's cleanup must be synchronous. `onEvent` bridges the
// two, and a stop that comes before the listener is registered still unregisters it.
import type { UnlistenFn } from "@tauri-apps/api/event";

export function onEvent(pending: Promise<UnlistenFn>): () => void {
  let stopped = false;
  let unlisten: UnlistenFn | null = null;
  pending.then(
    (f) => {
      if (stopped) f();
      else unlisten = f;
    },
    // Listening fails only when the IPC layer is gone; say so rather than go quiet.
    (e) => console.error("Could not listen to app events:", e),
  );
  return () => {
    stopped = true;
    unlisten?.();
    unlisten = null;
  };
}

/** Several listeners stopped together. */
export function onEvents(...pending: Promise<UnlistenFn>[]): () => void {
  const stops = pending.map(onEvent);
  return () => stops.forEach((stop) => stop());
}
