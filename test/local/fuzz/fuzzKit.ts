import { expect } from 'vitest';

/** Every property runs from this seed: a failure names its run, and the same run repeats. */
export const FUZZ_SEED = 20261205;

/** Longest any one answer may take: a hang (a blocked event loop, a request never answered) fails. */
export const ANSWER_BOUND_MS = 15_000;

/** Internal text that must never reach a client. */
export const LEAKS = /Maximum call stack|RangeError|TypeError|ReferenceError|SyntaxError: Unexpected|\n\s+at |node_modules|\.ts:\d+/;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** POSTs (or sends `init`) with the answer bound; a hang rejects. */
export async function request(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_BOUND_MS) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * What every answer of the runtime must be: no 5xx; a refusal (4xx) carries `x-amzn-ErrorType`
 * and AppSync's `{errors: [{errorType, message}]}`; nothing internal leaks. Returns the JSON body
 * of a JSON answer.
 */
export function expectWellFormed(answer: Answer, context: string): unknown {
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.text, context).not.toMatch(LEAKS);
  const contentType = answer.headers.get('content-type') ?? '';
  const json = contentType.startsWith('application/json');
  if (contentType.startsWith('application/x-amz-json-1.1')) {
    // The local user pool (POST / with X-Amz-Target) speaks Cognito's protocol: {__type, message}.
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    if (answer.status >= 400) expect(body, context).toEqual({ __type: expect.any(String), message: expect.any(String) });
    return body;
  }
  if (answer.status >= 400) {
    expect(answer.headers.get('x-amzn-errortype'), context).toMatch(/^[A-Za-z]+Exception$|^[A-Za-z]+$/);
    expect(json, context).toBe(true);
    const body = JSON.parse(answer.text) as { errors: { errorType: string; message: string }[] };
    expect(body.errors, context).toEqual([{ errorType: answer.headers.get('x-amzn-errortype'), message: expect.any(String) }]);
    return body;
  }
  return json && answer.text !== '' ? JSON.parse(answer.text) : undefined;
}

/**
 * A GraphQL answer (HTTP 200): `data` and/or `errors`; each error has a bounded message, and there
 * are only a few of them whatever the request (one bad input must not produce megabytes).
 */
export function expectGraphQLAnswer(
  body: unknown,
  context: string,
): { data?: Record<string, unknown> | null; errors?: { message: string; errorType?: string }[] } {
  expect(body, context).toBeTypeOf('object');
  const { data, errors } = body as { data?: Record<string, unknown> | null; errors?: { message: string; errorType?: string }[] };
  expect(data !== undefined || errors !== undefined, context).toBe(true);
  for (const error of errors ?? []) {
    expect(error.message, context).toBeTypeOf('string');
    expect(error.message.length, context).toBeLessThanOrEqual(2_000);
  }
  expect((errors ?? []).length, context).toBeLessThanOrEqual(50);
  return { data, errors };
}
