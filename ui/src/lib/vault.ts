// How a vault passphrase reads to its author while typing. The minimum length is the backend's
// rule (KeyStorageStatus.passphraseMinLength); this only helps choose a better one.

export type Strength = { level: "short" | "fair" | "good"; text: string };

export function passphraseStrength(passphrase: string, minLength: number): Strength {
  const length = [...passphrase].length;
  if (length < minLength) {
    return { level: "short", text: `Too short: ${length} of at least ${minLength} characters.` };
  }
  const words = passphrase.trim().split(/\s+/).filter((w) => w.length >= 3).length;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((re) => re.test(passphrase)).length;
  if (length >= 20 || words >= 4 || (length >= 16 && kinds >= 3)) {
    return { level: "good", text: "Good: long enough to be slow to guess." };
  }
  return { level: "fair", text: "Fair: a few more words would make it much harder to guess." };
}
