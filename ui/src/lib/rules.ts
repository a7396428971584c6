// The app's pre-checks follow the sandbox's split by source (crates/cmr-sandbox/src/rules.rs):
// a rule CMR documents (docs, the seed page, the help guide) blocks before sending with its
// reason; a rule nothing documents ("assumed") only warns, and the person may send anyway.
export type RuleSource = "seed" | "docs" | "help guide" | "assumed";

export interface RuleCheck {
  source: RuleSource;
  message: string;
}

export const documented = (source: Exclude<RuleSource, "assumed">, message: string): RuleCheck => ({ source, message });
export const assumed = (message: string): RuleCheck => ({ source: "assumed", message });

export function blocks(check: RuleCheck | null | undefined): boolean {
  return !!check && check.source !== "assumed";
}

export function warns(check: RuleCheck | null | undefined): boolean {
  return !!check && check.source === "assumed";
}

/** How an assumed rule reads: a warning, not a refusal. */
export function mayRefuse(message: string): string {
  return `CMR may refuse this: ${message}`;
}
