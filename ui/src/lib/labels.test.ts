import { describe, expect, it } from "vitest";
import { providerLabel, statusLabel } from "./labels";

describe("labels", () => {
  it("names providers as people do", () => {
    expect(providerLabel("GOOGLE")).toBe("Google Workspace");
    expect(providerLabel("microsoft")).toBe("Microsoft 365");
    expect(providerLabel("ZOHO")).toBe("ZOHO");
    expect(providerLabel(null)).toBe("—");
  });
  it("turns status words into phrases", () => {
    expect(statusLabel("PAST_DUE")).toBe("Past due");
    expect(statusLabel(undefined)).toBe("Unknown");
  });
});
