// Small pure helpers for the profile screens.
import type { KeyStatus, ProfileView } from "../bindings";

export const PRODUCTION_BASE_URL = "https://customers.coldmailreseller.com/api/v1/integration";

/** How a profile's key reads in the list: never the key, at most its last four characters. */
export function describeProfileKey(profile: Pick<ProfileView, "demo" | "key">): string {
  return profile.demo ? "Built-in demo key" : describeKey(profile.key);
}

export function describeKey(key: KeyStatus): string {
  switch (key.state) {
    case "set":
      return `Set, ends in ${key.mask}`;
    case "missing":
      return "Not set";
    case "unavailable":
      return "Keychain unavailable";
    case "locked":
      return "Locked in the vault";
    case "unreadable":
      return "Vault unreadable";
  }
}
