// Small pure helpers for the profile screens.
import type { KeyStatus } from "../bindings";

export const PRODUCTION_BASE_URL = "https://customers.coldmailreseller.com/api/v1/integration";

/** How a key's state reads in the list: never the key, at most its last four characters. */
export function describeKey(key: KeyStatus): string {
  switch (key.state) {
    case "set":
      return `Set, ends in ${key.mask}`;
    case "missing":
      return "Not set";
    case "unavailable":
      return "Keychain unavailable";
  }
}
