import { toMemoApiError, type MemoApiError, type MemoResult } from '@memo-api/client';
import { CheckFailed } from './checkRows.js';

/**
 * The data of a response that must have succeeded.
 * @throws {CheckFailed} with the first error's type and message
 */
export function dataOf<TData>(result: MemoResult<TData>, what: string): TData {
  const error = result.errors?.[0];
  if (error) throw new CheckFailed(`${what} failed: ${error.errorType ?? 'error'}: ${error.message}`);
  if (result.data === null || result.data === undefined) throw new CheckFailed(`${what} returned no data`);
  return result.data;
}

/**
 * The typed error of a response that must have failed.
 * @throws {CheckFailed} when it succeeded or its error is not one of the API's
 */
export function typedErrorOf(result: MemoResult<unknown>, what: string): MemoApiError {
  if (!result.errors?.length) throw new CheckFailed(`${what} succeeded, but must fail`);
  const error = toMemoApiError(result.errors);
  if (!error) throw new CheckFailed(`${what} failed without a typed error: ${result.errors[0]?.message ?? ''}`);
  return error;
}

/**
 * Retries `attempt` until it returns true or `timeoutMs` has passed: the list and search read a
 * global secondary index, which AWS updates shortly after the write (eventually consistent).
 * @returns whether it ever held
 */
export async function eventually(attempt: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
    if (await attempt()) return true;
    if (Date.now() + pause > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
