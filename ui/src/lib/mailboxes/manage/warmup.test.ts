import { describe, expect, it } from "vitest";
import { defaultForm, validateSettings, warmupAllowed } from "./warmup";

describe("warmupAllowed", () => {
  it("enables only ACTIVE mailboxes not on warmup", () => {
    expect(warmupAllowed({ status: "ACTIVE" }, "enable")).toBe(true);
    expect(warmupAllowed({ status: "ACTIVE", warmupStatus: "STOPPED" }, "enable")).toBe(true);
    expect(warmupAllowed({ status: "IN_PROGRESS" }, "enable")).toBe(false);
    expect(warmupAllowed({ status: "ACTIVE", warmupStatus: "ACTIVE" }, "enable")).toBe(false);
  });
  it("pauses active and resumes paused warmups", () => {
    expect(warmupAllowed({ warmupStatus: "ACTIVE" }, "pause")).toBe(true);
    expect(warmupAllowed({ warmupStatus: "PENDING" }, "pause")).toBe(false);
    expect(warmupAllowed({ warmupStatus: "PAUSED" }, "resume")).toBe(true);
    expect(warmupAllowed({ warmupStatus: "STOPPED" }, "remove")).toBe(false);
  });
});

describe("validateSettings", () => {
  it("turns percentages into fractions", () => {
    const { settings, errors } = validateSettings(defaultForm());
    expect(errors).toEqual({});
    expect(settings).toMatchObject({ warmupLimit: 40, warmupReplyRate: 0.3, warmupOpenRate: 0.8, warmupOnWeekdays: true, warmupDisableSlow: false });
  });
  it("leaves empty fields out", () => {
    const { settings } = validateSettings({ ...defaultForm(), warmupLimit: "" });
    expect(settings && "warmupLimit" in settings).toBe(false);
  });
  it("rejects values out of range, non-numbers and fractions of whole numbers", () => {
    const { settings, errors } = validateSettings({ ...defaultForm(), warmupReplyRate: "130", warmupLimit: "abc", increasePerDay: "1.5" });
    expect(settings).toBeNull();
    expect(errors.warmupReplyRate).toMatch(/0 to 100/);
    expect(errors.warmupLimit).toMatch(/number/);
    expect(errors.increasePerDay).toMatch(/whole/);
  });
  it("checks the pairs: start below limit, shortest below longest delay", () => {
    const { errors } = validateSettings({ ...defaultForm(), minimumWarmupLimit: "50", minimumDelayBetweenWarmupEmails: "400" });
    expect(errors.minimumWarmupLimit).toBeDefined();
    expect(errors.minimumDelayBetweenWarmupEmails).toBeDefined();
  });
});
