import type { OutgoingHttpHeaders } from 'node:http';

/** A request refused before GraphQL runs: the status, and AppSync's `errorType` for it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The client went away while sending its body: there is nobody to answer. */
export class RequestAbortedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The client closed the connection before sending its whole body', options);
    this.name = 'RequestAbortedError';
  }
}

/** AppSync's shape for an error that stops a request before GraphQL runs. */
export function errorBody(errorType: string, message: string): string {
  return JSON.stringify({ errors: [{ errorType, message }] });
}
