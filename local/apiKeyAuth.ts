import { timingSafeEqual } from 'node:crypto';

/** AppSync's words for a request whose API key is missing or wrong. */
export const UNAUTHORIZED_MESSAGE = 'You are not authorized to make this call.';

/**
 * API-key auth as AppSync does it: the `x-api-key` header must equal the API's key.
 * `headers` is an HTTP request's headers or a real-time `authorization` object.
 */
export function isAuthorized(headers: unknown, apiKey: string): boolean {
  if (typeof headers !== 'object' || headers === null) return false;
  const presented = (headers as Record<string, unknown>)['x-api-key'];
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(apiKey);
  const actual = Buffer.from(presented);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
