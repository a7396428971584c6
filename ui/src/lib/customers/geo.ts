// Country and state lists come as a map whose direction the reference does not pin down
// ({"United States": "US"} or {"US": "United States"}); accept both.

/** `[code, name]` pairs sorted by name. */
export function geoOptions(map: Record<string, string>): [string, string][] {
  const looksLikeCode = (s: string) => /^[A-Z0-9]{1,3}(-[A-Z0-9]{1,3})?$/.test(s);
  const entries = Object.entries(map);
  const codeFirst = entries.filter(([k, v]) => looksLikeCode(k) && !looksLikeCode(v)).length * 2 > entries.length;
  const pairs: [string, string][] = codeFirst ? entries : entries.map(([name, code]) => [code, name]);
  return pairs.sort((a, b) => a[1].localeCompare(b[1]));
}
