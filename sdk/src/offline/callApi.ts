import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { MemoClient } from '../core/client.js';
import { MemoApiRequestError, toMemoApiError, type MemoApiError } from '../errors.js';

/**
 * One request's outcome as the store acts on it: `data`; a `transient` failure (the network, a
 * timeout, an HTTP error status such as 5xx or 401, an InternalError), which is retried later
 * with the same input; or a typed `refused` answer, which no retry would change.
 */
export type ApiOutcome<TData> =
  | { readonly kind: 'data'; readonly data: TData }
  | { readonly kind: 'transient'; readonly error: MemoApiError }
  | { readonly kind: 'refused'; readonly error: MemoApiError };

/** A request that took longer than the store waits: it may still reach the server, so what it carried is sent again as it was. */
export class RequestTimeoutError extends MemoApiRequestError {
  constructor(timeoutMs: number) {
    super(`No answer within ${timeoutMs} ms`, { errorType: 'NetworkError', status: 0 });
    this.name = 'RequestTimeoutError';
  }
}

export async function callApi<TData, TVariables>(
  client: MemoClient,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  timeoutMs: number,
): Promise<ApiOutcome<TData>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new RequestTimeoutError(timeoutMs)), timeoutMs)));
  try {
    const { data, errors } = await Promise.race([client.request(document, variables), timeout]);
    const error = errors?.length ? toMemoApiError(errors) : undefined;
    if (error) return { kind: error.errorType === 'InternalError' ? 'transient' : 'refused', error };
    if (data === null) return { kind: 'transient', error: unrecognized('InvalidResponse', 'The answer held no data') };
    return { kind: 'data', data };
  } catch (cause) {
    return { kind: 'transient', error: failureOf(cause) };
  } finally {
    clearTimeout(timer);
  }
}

/** A failure below GraphQL as a MemoApiError for SyncStatus.lastError (NetworkError, HTTP5xx… keep their names in errorInfo). */
export function failureOf(cause: unknown): MemoApiError {
  const typed = toMemoApiError(cause);
  if (typed) return typed;
  const errorType = cause instanceof MemoApiRequestError ? cause.errorType : 'NetworkError';
  return unrecognized(errorType, cause instanceof Error ? cause.message : String(cause));
}

function unrecognized(errorType: string, message: string): MemoApiError {
  return { errorType: 'Unrecognized', message, errorInfo: { errorType, errorInfo: null } };
}
