import { describe, expect, it } from "vitest";
import { duplicateOf, emptyCustomer, normalizeCustomer, validateCustomer, customerWarnings } from "./validate";

const good = {
  ...emptyCustomer(),
  email: " JohnDoe@Company.com ",
  company: "TechCorp Inc.",
  firstName: "John",
  lastName: "O'Neil-Doe",
  state: "New York",
  city: "New York",
  addressLineOne: "123 Main Street",
  addressLineTwo: "  ",
  postalCode: "10001",
  phoneCc: "+1",
  phone: "(212) 555-1234",
};

describe("customer validation", () => {
  it("accepts the documented example and normalises it", () => {
    expect(validateCustomer(good)).toEqual({});
    const n = normalizeCustomer(good);
    expect(n.email).toBe("johndoe@company.com");
    expect(n.phoneCc).toBe("1");
    expect(n.phone).toBe("2125551234");
    expect(n.addressLineTwo).toBeNull();
  });

  it("names every field that is missing or wrong", () => {
    const errors = validateCustomer({ ...emptyCustomer(), email: "nope", company: "<b>Acme</b>", phone: "" });
    expect(Object.keys(errors).sort()).toEqual(
      ["addressLineOne", "city", "company", "firstName", "lastName", "phone", "postalCode", "state"].sort(),
    );
    expect(errors.company).toContain("letters, digits");
  });

  it("only warns about formats nothing documents", () => {
    const raw = { ...good, email: "nope", phone: "12", languagePreference: "english" };
    expect(validateCustomer(raw)).toEqual({});
    const warnings = customerWarnings(raw);
    expect(Object.keys(warnings).sort()).toEqual(["email", "languagePreference", "phone"]);
    expect(customerWarnings(good)).toEqual({});
  });

  it("accepts letters of any script", () => {
    expect(validateCustomer({ ...good, firstName: "Zoë", lastName: "Müller", city: "Zürich" })).toEqual({});
  });
});

describe("duplicate customers", () => {
  const others = [
    { id: "U1", email: "ops@acme.com", company: "Acme  Corp" },
    { id: "U2", email: "hi@beta.io", company: "Beta" },
  ];
  it("names an existing customer with the same e-mail or company, case and spaces aside", () => {
    expect(duplicateOf({ ...emptyCustomer(), email: " OPS@acme.com ", company: "New" }, others)).toContain("OPS@acme.com already exists (Acme  Corp)");
    expect(duplicateOf({ ...emptyCustomer(), email: "x@y.z", company: "acme corp" }, others)).toContain("named acme corp already exists (ops@acme.com)");
  });
  it("ignores the customer being edited and empty fields", () => {
    expect(duplicateOf({ ...emptyCustomer(), email: "ops@acme.com", company: "Acme Corp" }, others, "U1")).toBeNull();
    expect(duplicateOf(emptyCustomer(), others)).toBeNull();
  });
});
