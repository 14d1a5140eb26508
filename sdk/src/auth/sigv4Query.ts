/**
 * A query string as SigV4 signers take it: decoded parameters by name, a repeated name as a list
 * (the signer re-encodes and sorts them). Accepts the string with or without its leading `?`.
 */
export function queryParameters(search: string): Record<string, string | string[]> {
  const values = new Map<string, string[]>();
  // forEach, not for…of: the SDK compiles against the DOM lib without DOM.Iterable.
  new URLSearchParams(search).forEach((value, key) => values.set(key, [...(values.get(key) ?? []), value]));
  // fromEntries makes own properties, so a `__proto__` parameter stays a parameter.
  return Object.fromEntries(Array.from(values, ([key, list]) => [key, list.length === 1 ? (list[0] ?? '') : list]));
}
