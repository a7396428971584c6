// One shape for every failure the UI shows: the backend's `{ code, message, ... }`, or a
// framework error (a plain string) turned into the same shape.
import type { AppError, ErrorCode } from "../bindings";

export type Result<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

export function toAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    return e as AppError;
  }
  const message =
    typeof e === "string" ? e : e instanceof Error ? e.message : "Something went wrong.";
  return { code: "internal", message, status: null, fields: null, actionId: null };
}

/** Unwraps a generated command's result, throwing the AppError on failure. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (e) {
    throw toAppError(e);
  }
  if (result.status === "error") throw toAppError(result.error);
  return result.data;
}

/** The message for one form field, if the error names it. */
export function fieldError(error: AppError | null, field: string): string | undefined {
  return error?.fields?.[field] ?? undefined;
}

const headlines: Partial<Record<ErrorCode, string>> = {
  validation: "Some fields need attention",
  keychain: "System keychain unavailable",
  vault_locked: "Key vault locked",
  storage: "Could not save app data",
  unauthorized: "CMR refused the API key",
  network: "Cannot reach CMR",
  timeout: "CMR did not answer in time",
  outcome_unknown: "Outcome unknown",
  in_flight: "Not sent: an earlier payment is unsettled",
  rate_limited: "Too many requests",
  insufficient_funds: "Not enough wallet balance",
};

/** True when the error names at least one form field. */
export function hasFieldErrors(error: AppError): boolean {
  return !!error.fields && Object.keys(error.fields).length > 0;
}

/** A short title for an error banner; the message carries the detail. "Fields need attention"
 *  only on a form that shows field errors and when the error names fields: a refusal shown
 *  elsewhere (a wallet or renewal rule) is not a form problem. */
export function headline(error: AppError, onForm = false): string {
  if (error.code === "validation" && !(onForm && hasFieldErrors(error))) return "Not accepted";
  return headlines[error.code] ?? "Something went wrong";
}

/** The banner's body: the message, unless on a form it only repeats a message already shown
 *  beside a field (one message per error). Off a form nothing is shown beside fields, so the
 *  message always stays. */
export function bannerMessage(error: AppError, onForm = false): string {
  if (!onForm || !hasFieldErrors(error)) return error.message;
  const shown = Object.values(error.fields ?? {});
  return shown.includes(error.message) ? "See the highlighted fields; nothing was sent." : error.message;
}
