import { MemoApiRequestError, type AppSyncGraphQLError } from '../errors.js';

/**
 * A response as AppSync sends it: `data` (null when the request failed as a whole) and `errors`
 * with `errorType`/`errorInfo`.
 *
 * @example
 * const { data, errors }: MemoResult<GetMemoQuery> = await client.request(GetMemoDocument, { memoId });
 */
export interface MemoResult<TData> {
  data: TData | null;
  errors?: AppSyncGraphQLError[];
}

/**
 * Reads an AppSync reply. A 2xx with a GraphQL body is the result, partial data and errors
 * included; anything else is a MemoApiRequestError named from `x-amzn-ErrorType` (or the body's
 * first error).
 *
 * @throws {MemoApiRequestError} for an HTTP error status, an unreadable body, or a body that is not a GraphQL response
 * @example
 * const { data, errors } = await readAppSyncResponse<GetMemoQuery>(await fetch(url, init));
 */
export async function readAppSyncResponse<TData>(response: Response): Promise<MemoResult<TData>> {
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new MemoApiRequestError(`The response could not be read: ${messageOf(cause)}`, {
      errorType: 'NetworkError',
      status: response.status,
      cause,
    });
  }
  const body = parseJson(text);
  const errors = Array.isArray(body?.errors) ? (body.errors as AppSyncGraphQLError[]) : undefined;
  if (!response.ok) {
    const first = errors?.[0];
    const errorType = response.headers.get('x-amzn-ErrorType')?.split(':')[0] || first?.errorType || `HTTP${response.status}`;
    const message = first?.message ?? (response.statusText || `HTTP ${response.status}`);
    throw new MemoApiRequestError(message, {
      errorType,
      status: response.status,
      errorInfo: first?.errorInfo,
      ...(errors ? { errors } : {}),
    });
  }
  if (!body || (!('data' in body) && !errors)) {
    throw new MemoApiRequestError(`The response is not a GraphQL response: ${text.slice(0, 200)}`, {
      errorType: 'InvalidResponse',
      status: response.status,
    });
  }
  const data = (body.data ?? null) as TData | null;
  return errors ? { data, errors } : { data };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
