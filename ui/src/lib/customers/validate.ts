// A customer's details, checked field by field before anything is sent. What CMR documents
// blocks: the required fields and the ISO country code (docs), the character rule (help
// guide: letters, digits, spaces and . , ' # & ( ) / - in every field but the e-mail). The
// formats nothing documents (e-mail shape, digits-only phone, language code) only warn.
import type { NewUser } from "../../bindings";
import { nameCharsAccepted } from "../mailboxes/rules";

export type CustomerField = keyof NewUser;
export type CustomerErrors = Partial<Record<CustomerField, string>>;

const required: Array<[CustomerField, string]> = [
  ["company", "company"],
  ["firstName", "first name"],
  ["lastName", "last name"],
  ["country", "country"],
  ["state", "state or province"],
  ["city", "city"],
  ["addressLineOne", "street address"],
  ["postalCode", "postal code"],
  ["languagePreference", "language"],
  ["phoneCc", "country calling code"],
  ["phone", "phone number"],
];

export function emptyCustomer(): NewUser {
  return {
    email: "",
    company: "",
    firstName: "",
    lastName: "",
    country: "US",
    state: "",
    city: "",
    addressLineOne: "",
    addressLineTwo: null,
    addressLineThree: null,
    postalCode: "",
    languagePreference: "en",
    phoneCc: "1",
    phone: "",
  };
}

/** Trims every field and turns empty optional lines into null. */
export function normalizeCustomer(c: NewUser): NewUser {
  const t = (s: string | null | undefined) => (s ?? "").trim();
  return {
    ...c,
    email: t(c.email).toLowerCase(),
    company: t(c.company),
    firstName: t(c.firstName),
    lastName: t(c.lastName),
    country: t(c.country).toUpperCase(),
    state: t(c.state),
    city: t(c.city),
    addressLineOne: t(c.addressLineOne),
    addressLineTwo: t(c.addressLineTwo) || null,
    addressLineThree: t(c.addressLineThree) || null,
    postalCode: t(c.postalCode),
    languagePreference: t(c.languagePreference),
    phoneCc: t(c.phoneCc).replace(/^\+/, ""),
    phone: t(c.phone).replace(/[\s().-]/g, ""),
  };
}

export function validateCustomer(raw: NewUser): CustomerErrors {
  const c = normalizeCustomer(raw);
  const errors: CustomerErrors = {};
  if (c.email === "") errors.email = "Enter the customer's e-mail address.";

  for (const [field, label] of required) {
    if ((c[field] ?? "") === "") errors[field] = `Enter the ${label}.`;
  }
  for (const field of ["company", "firstName", "lastName", "state", "city", "addressLineOne", "addressLineTwo", "addressLineThree", "postalCode"] as const) {
    if (!errors[field] && !nameCharsAccepted(c[field] ?? "")) {
      errors[field] = "Use letters, digits, spaces and . , ' # & ( ) / - only.";
    }
  }
  if (!errors.country && !/^[A-Z]{2}$/.test(c.country)) errors.country = "Choose a country.";
  return errors;
}

/** Formats CMR may refuse though nothing documents them: shown, never blocking. */
export function customerWarnings(raw: NewUser): CustomerErrors {
  const c = normalizeCustomer(raw);
  const warnings: CustomerErrors = {};
  if (c.email !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(c.email)) warnings.email = "This does not look like an e-mail address.";
  if (c.phoneCc !== "" && !/^\d{1,4}$/.test(c.phoneCc)) warnings.phoneCc = "Calling code: digits only, without +, e.g. 1 or 44.";
  if (c.phone !== "" && !/^\d{4,15}$/.test(c.phone)) warnings.phone = "Phone: digits only, without the calling code (4 to 15).";
  if (c.languagePreference !== "" && !/^[a-z]{2}(-[A-Za-z]{2})?$/.test(c.languagePreference)) {
    warnings.languagePreference = "Language: a code such as en or fr.";
  }
  return warnings;
}

/** Another customer with the same e-mail or company (letter case and spaces aside): CMR may
 *  accept it, but it is usually a customer added twice. `selfId` is the one being edited. */
export function duplicateOf(raw: NewUser, others: { id: string; email?: string | null; company?: string | null }[], selfId: string | null = null): string | null {
  const same = (a: string | null | undefined, b: string) => (a ?? "").trim().toLowerCase().replace(/\s+/g, " ") === b && b !== "";
  const email = raw.email.trim().toLowerCase();
  const company = raw.company.trim().toLowerCase().replace(/\s+/g, " ");
  for (const o of others) {
    if (o.id === selfId) continue;
    if (same(o.email, email)) return `A customer with the e-mail ${raw.email.trim()} already exists (${o.company || o.id}).`;
    if (same(o.company, company)) return `A customer named ${raw.company.trim()} already exists (${o.email || o.id}).`;
  }
  return null;
}
