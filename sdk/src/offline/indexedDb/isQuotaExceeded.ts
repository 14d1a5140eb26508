/**
 * True for the error a browser gives when the origin is out of storage: a DOMException named
 * QuotaExceededError (Firefox before 2020 named it NS_ERROR_DOM_QUOTA_REACHED). It may come from a
 * request or, more often, as the transaction's error when it commits.
 */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('name' in error)) return false;
  return error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED';
}
