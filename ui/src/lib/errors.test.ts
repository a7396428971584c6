import { describe, expect, it } from "vitest";
import type { AppError } from "../bindings";
import { bannerMessage, call, fieldError, headline, toAppError } from "./errors";

const validation: AppError = {
  code: "validation",
  message: "Please correct the highlighted field.",
  status: null,
  fields: { name: "Give the profile a name." },
  actionId: null,
};

describe("errors", () => {
  it("keeps backend errors as they are", () => {
    expect(toAppError(validation)).toBe(validation);
  });

  it("turns framework strings and exceptions into internal errors", () => {
    expect(toAppError("command not found")).toMatchObject({ code: "internal", message: "command not found" });
    expect(toAppError(new Error("boom"))).toMatchObject({ code: "internal", message: "boom" });
    expect(toAppError(undefined).message).toBe("Something went wrong.");
  });

  it("unwraps ok results and throws error results", async () => {
    await expect(call(Promise.resolve({ status: "ok" as const, data: 5 }))).resolves.toBe(5);
    await expect(call(Promise.resolve({ status: "error" as const, error: validation }))).rejects.toBe(validation);
    await expect(call(Promise.reject("ipc down"))).rejects.toMatchObject({ code: "internal", message: "ipc down" });
  });

  it("finds the message for a field", () => {
    expect(fieldError(validation, "name")).toBe("Give the profile a name.");
    expect(fieldError(validation, "baseUrl")).toBeUndefined();
    expect(fieldError(null, "name")).toBeUndefined();
  });

  it("has a headline for keychain trouble", () => {
    expect(headline({ ...validation, code: "keychain" })).toBe("System keychain unavailable");
    expect(headline({ ...validation, code: "internal" })).toBe("Something went wrong");
  });

  it("says fields need attention only on a form, and when a field is named", () => {
    expect(headline(validation, true)).toBe("Some fields need attention");
    expect(headline(validation)).toBe("Not accepted");
    const refusal = { ...validation, fields: null, message: "The wallet is $33.00 short." };
    expect(headline(refusal)).toBe("Not accepted");
    expect(headline({ ...refusal, fields: {} })).toBe("Not accepted");
  });

  it("does not repeat a field's message in a form's banner, and keeps it elsewhere", () => {
    const same = { ...validation, message: "Give the profile a name." };
    expect(bannerMessage(same, true)).toBe("See the highlighted fields; nothing was sent.");
    expect(bannerMessage(same)).toBe("Give the profile a name.");
    expect(bannerMessage(validation, true)).toBe("Please correct the highlighted field.");
    expect(bannerMessage({ ...validation, fields: null })).toBe("Please correct the highlighted field.");
  });
});
