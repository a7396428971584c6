import { describe, expect, it } from "vitest";
import type { AppError } from "../../bindings";
import { checkCredentialForm, credentialFieldErrors, credentialInput, credentialRows, emptyCredentialForm, platformLabel } from "./platforms";

const err = (message: string, fields: Record<string, string> | null = null): AppError => ({ code: "validation", message, status: 400, fields, actionId: null });

describe("credential form", () => {
  it("checks the login and the platform's own fields before sending", () => {
    const f = { ...emptyCredentialForm(), app: "EMAILBISON" as const, email: "ops", password: "" };
    expect(Object.keys(checkCredentialForm(f)).sort()).toEqual(["appBaseUrl", "email", "password"]);
    expect(checkCredentialForm({ ...f, email: "ops@agency.com", password: "x", appBaseUrl: "http://eb.local" }).appBaseUrl).toContain("https://");
    expect(checkCredentialForm({ ...emptyCredentialForm(), email: "ops@agency.com", password: "secret" })).toEqual({});
  });

  it("sends metadata only where the platform uses it", () => {
    const base = { ...emptyCredentialForm(), email: " ops@agency.com ", password: "pw", appBaseUrl: "https://app.emailbison.com", orgId: "org_1" };
    expect(credentialInput(base)).toEqual({ app: "SMARTLEAD", credentials: { email: "ops@agency.com", password: "pw" } });
    expect(credentialInput({ ...base, app: "EMAILBISON" }).metadata?.appBaseUrl).toBe("https://app.emailbison.com");
    expect(credentialInput({ ...base, app: "INSTANTLY" }).orgId).toBe("org_1");
  });

  it("puts CMR's refusal on the field to fix", () => {
    const rejected = "Platform credential validation failed: SMARTLEAD rejected the credentials";
    expect(credentialFieldErrors(err(rejected, { credentials: rejected }))).toEqual({ password: rejected });
    expect(credentialFieldErrors(err(rejected))).toEqual({ password: rejected });
    expect(credentialFieldErrors(err("bad", { "metadata.appBaseUrl": "required" }))).toEqual({ appBaseUrl: "required" });
    expect(credentialFieldErrors({ ...err("down"), code: "upstream" })).toEqual({});
    expect(credentialFieldErrors(null)).toEqual({});
  });
});

describe("credential list", () => {
  it("flattens platforms in order, newest first", () => {
    const rows = credentialRows({
      EMAILBISON: { connected: true, credentials: [{ credentialId: "E1", email: "a@x.com", connectedAt: "2026-01-01T00:00:00Z", metadata: { workspace: "main", appBaseUrl: "https://eb" } }] },
      SMARTLEAD: {
        connected: true,
        credentials: [
          { credentialId: "S1", email: "old@x.com", connectedAt: "2025-01-01T00:00:00Z" },
          { credentialId: "S2", email: "new@x.com", connectedAt: "2026-02-01T00:00:00Z" },
        ],
      },
      REACHINBOX: { connected: false, credentials: [] },
      NEWAPP: { connected: true, credentials: [{ credentialId: "N1" }] },
    });
    expect(rows.map((r) => r.credentialId)).toEqual(["S2", "S1", "E1", "N1"]);
    expect(rows[2]!.detail).toBe("main · https://eb");
    expect(platformLabel("SMARTLEAD")).toBe("Smartlead");
    expect(platformLabel("NEWAPP")).toBe("NEWAPP");
  });
});
