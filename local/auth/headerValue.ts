/** A header by name, whatever its case (HTTP headers arrive lower-cased; real-time ones as the client wrote them). */
export function headerValue(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return typeof value === 'string' ? value : undefined;
}
