// The busy/error state every form and button shares: run some work, show "busy" meanwhile,
// keep the failure as an AppError for the banner and the field messages.
import type { AppError } from "../bindings";
import { toAppError } from "./errors";

export class Task {
  busy = $state(false);
  error = $state<AppError | null>(null);

  /** Runs `work`; on failure keeps the error and returns undefined. */
  async run<T>(work: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    this.error = null;
    try {
      return await work();
    } catch (e) {
      this.error = toAppError(e);
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}
