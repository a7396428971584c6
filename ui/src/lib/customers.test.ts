import { describe, expect, it } from "vitest";
import type { User } from "../bindings";
import { ago, customerId, customerLabel } from "./customers.svelte";

describe("customers", () => {
  it("reads the id under either key and labels a customer for a picker", () => {
    const u = { userId: "U1", company: "Acme", firstName: "Jo", lastName: "Lee", email: "jo@acme.com" } as User;
    expect(customerId(u)).toBe("U1");
    expect(customerId({ id: "U2" } as User)).toBe("U2");
    expect(customerLabel(u)).toBe("Acme — Jo Lee (jo@acme.com)");
    expect(customerLabel({ id: "U3", email: "x@y.z" } as User)).toBe("x@y.z");
  });

  it("says how long ago a list was synced", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    expect(ago(null, now)).toBe("never");
    expect(ago("2026-11-26T11:59:50Z", now)).toBe("just now");
    expect(ago("2026-11-26T11:58:00Z", now)).toBe("2 min ago");
    expect(ago("2026-11-26T09:00:00Z", now)).toBe("3 h ago");
  });
});
