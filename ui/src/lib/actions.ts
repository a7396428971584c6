// Words for tracked actions, shared by notices and progress views.
// Whether an action is settled is the tracker's word (`ActionView.settled`, computed in
// cmr_core::tracker); the UI reads that flag and keeps no list of settled states.
import type { ActionState, ActionView } from "../bindings";

export function noticeTone(state: ActionState): "ok" | "error" | "warn" {
  if (state === "succeeded") return "ok";
  if (state === "failed" || state === "not_applied") return "error";
  return "warn";
}

const stateWords: Record<ActionState, string> = {
  sending: "is being sent",
  accepted: "was accepted by CMR",
  submitted: "was submitted",
  succeeded: "finished",
  failed: "failed",
  reconciling: "lost its answer; checking CMR",
  outcome_unknown: "lost its answer and CMR cannot tell whether it happened — check before resending",
  not_applied: "did not take effect",
  stalled: "is taking longer than expected",
  released: "was released for a second send",
};

/** "create order json" → "Create order json". */
export function operationLabel(operation: string): string {
  const words = operation.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function describeAction(a: Pick<ActionView, "operation" | "subject" | "state" | "detail">): string {
  const base = `${operationLabel(a.operation)} (${a.subject}) ${stateWords[a.state]}`;
  return a.detail && a.state !== "succeeded" ? `${base}: ${a.detail}` : `${base}.`;
}
