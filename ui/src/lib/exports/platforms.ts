// Sending-platform credentials: the platforms, the add form's checks and request, the list
// flattened from CMR's per-platform map, and CMR's refusals mapped onto form fields.
import type { AppError, PlatformConnection, PlatformCredentialInput } from "../../bindings";

export const PLATFORMS = [
  { id: "REACHINBOX", label: "ReachInbox", note: "Needs an active paid ReachInbox plan." },
  { id: "SMARTLEAD", label: "Smartlead", note: "" },
  { id: "INSTANTLY", label: "Instantly", note: "Choose the workspace (organisation id) mailboxes go to." },
  { id: "EMAILBISON", label: "EmailBison", note: "Needs the address of your EmailBison instance." },
] as const;

export type PlatformId = (typeof PLATFORMS)[number]["id"];

export function platformLabel(id: string): string {
  return PLATFORMS.find((p) => p.id === id)?.label ?? id;
}

export interface CredentialForm {
  app: PlatformId;
  email: string;
  password: string;
  appBaseUrl: string;
  workspace: string;
  orgId: string;
}

export function emptyCredentialForm(): CredentialForm {
  return { app: "SMARTLEAD", email: "", password: "", appBaseUrl: "", workspace: "", orgId: "" };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks before sending; keys are the form's field ids. Empty when the form can be sent. */
export function checkCredentialForm(f: CredentialForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!EMAIL.test(f.email.trim())) errors.email = "Enter the email address you sign in to the platform with.";
  if (!f.password) errors.password = "Enter the platform password.";
  if (f.app === "EMAILBISON") {
    const url = f.appBaseUrl.trim();
    if (!url) errors.appBaseUrl = "EmailBison needs the address of your instance, e.g. https://app.emailbison.com.";
    else if (!/^https:\/\/[^\s/]+/.test(url)) errors.appBaseUrl = "Use the https:// address of your EmailBison instance.";
  }
  return errors;
}

/** The request for CMR: metadata only where the platform uses it. */
export function credentialInput(f: CredentialForm): PlatformCredentialInput {
  const input: PlatformCredentialInput = { app: f.app, credentials: { email: f.email.trim(), password: f.password } };
  if (f.app === "EMAILBISON") {
    input.metadata = { appBaseUrl: f.appBaseUrl.trim(), appName: "EmailBison", workspace: f.workspace.trim() || null };
  }
  if (f.app === "INSTANTLY" && f.orgId.trim()) input.orgId = f.orgId.trim();
  return input;
}

/**
 * CMR's refusal on the form: the request paths it names (`credentials.password`,
 * `metadata.appBaseUrl`) become field ids; a refusal of the login as a whole marks the
 * password, since that is what the reseller usually has to fix.
 */
export function credentialFieldErrors(error: AppError | null): Record<string, string> {
  if (!error || error.code !== "validation") return {};
  const out: Record<string, string> = {};
  const fields = error.fields ?? {};
  for (const [path, message] of Object.entries(fields)) {
    const leaf = path.split(".").pop() ?? path;
    if (leaf === "credentials") out.password = message;
    else if (["email", "password", "appBaseUrl", "workspace", "orgId"].includes(leaf)) out[leaf] = message;
  }
  if (Object.keys(out).length === 0 && /reject|credential|password|login/i.test(error.message)) {
    out.password = error.message;
  }
  return out;
}

export interface CredentialRow {
  platform: string;
  credentialId: string;
  email: string;
  connectedAt: string | null;
  detail: string;
}

/** One row per stored credential, platforms in the app's order, newest first within each. */
export function credentialRows(connections: Record<string, PlatformConnection | undefined>): CredentialRow[] {
  const known: string[] = PLATFORMS.map((p) => p.id);
  const platforms = [...known, ...Object.keys(connections).filter((k) => !known.includes(k)).sort()];
  return platforms.flatMap((platform) =>
    [...(connections[platform]?.credentials ?? [])]
      .filter((c) => c.credentialId)
      .sort((a, b) => (b.connectedAt ?? "").localeCompare(a.connectedAt ?? ""))
      .map((c) => ({
        platform,
        credentialId: c.credentialId!,
        email: c.email ?? "",
        connectedAt: c.connectedAt ?? null,
        detail: [c.metadata?.workspace, c.metadata?.appBaseUrl].filter(Boolean).join(" · "),
      })),
  );
}
