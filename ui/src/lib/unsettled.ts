// Words and rules for a paid call whose earlier twin is unsettled: the tracker (in Rust) holds
// the state, so it survives leaving a screen or restarting; this module only reads it.
import type { ActionState, ActionView, AppError, Value } from "../bindings";

/** What a person types to allow a second send after a check found nothing. */
export const RELEASE_PHRASE = "send again";

/** A paying call and the exact request the screen sends with it. */
export type Guarded = { operation: string; userId: string | null; subject: string; request: Value };

/**
 * A Pay that failed this way may already have happened (`outcome_unknown`) or was refused
 * because an earlier one might have (`in_flight`): the screen must show that action, not Pay.
 */
export function gatesPay(error: AppError | null | undefined): boolean {
  return error?.code === "in_flight" || error?.code === "outcome_unknown";
}

const tookEffect: ActionState[] = ["accepted", "submitted", "succeeded"];

/** CMR has it: the earlier call went through, so the screen shows its result, never Pay. */
export function wentThrough(a: Pick<ActionView, "state">): boolean {
  return tookEffect.includes(a.state);
}

/** Pay may come back: the tracker no longer refuses a second send. */
export function cleared(a: Pick<ActionView, "blocksResend" | "state">): boolean {
  return !a.blocksResend && !wentThrough(a);
}

/** Only a check that found nothing opens "Send anyway". */
export function canRelease(a: Pick<ActionView, "state" | "checkedAt">): boolean {
  return a.state === "outcome_unknown" && a.checkedAt !== null;
}

/** Case and surrounding spaces do not matter; the words do. */
export function phraseMatches(typed: string): boolean {
  return typed.trim().toLowerCase() === RELEASE_PHRASE;
}

const why: Partial<Record<ActionState, (noun: string) => string>> = {
  sending: (n) => `An earlier ${n} with exactly these details is still being sent. Wait for its answer.`,
  reconciling: (n) => `The answer to the earlier ${n} was lost; the app is reading CMR's state to see whether it was carried out.`,
  outcome_unknown: (n) => `The answer to the earlier ${n} was lost; CMR may already have carried it out.`,
  stalled: (n) => `CMR took the earlier ${n} but has not shown it finished yet; sending it again could charge twice.`,
};

/** Why Pay is not offered, in a sentence or two; `noun` names the call ("payment", "order"). */
export function explain(a: Pick<ActionView, "state" | "detail">, noun = "payment"): string {
  const base = why[a.state]?.(noun) ?? `An earlier ${noun} with exactly these details has not settled.`;
  return a.detail ? `${base} ${a.detail}` : base;
}

export type Outcome = { applied: boolean; text: string };

/** What a status check (or a later event) found, for the line under Check status. */
export function outcome(a: Pick<ActionView, "state" | "detail" | "subject" | "checkedAt">, when = localTime): Outcome | null {
  if (wentThrough(a)) return { applied: true, text: `It went through (${a.subject})${a.detail ? `: ${a.detail}` : "."}` };
  if (a.state === "not_applied") return { applied: false, text: "CMR shows it did not happen: you can pay again." };
  if (a.checkedAt === null) return null;
  return { applied: false, text: `Still not visible at CMR (checked at ${when(a.checkedAt)}).` };
}

function localTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** The earlier action the first of several requests would repeat (a host sending one call per item). */
export async function firstUnsettled(
  list: Guarded[],
  find: (g: Guarded) => Promise<ActionView | null>,
): Promise<ActionView | null> {
  for (const g of list) {
    const found = await find(g);
    if (found) return found;
  }
  return null;
}
