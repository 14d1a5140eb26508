import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** One request and its response, with the CORS headers of the route that answers it. */
export class HttpExchange {
  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    /** The request target's path (requestPath.ts). */
    readonly pathname: string,
    /** Sent with every answer on this route, errors included. */
    readonly cors: OutgoingHttpHeaders,
  ) {}

  /** Answers with the route's CORS headers and a UTF-8 content type. */
  reply(status: number, body: string | Buffer, contentType: string, headers: OutgoingHttpHeaders = {}): void {
    this.send(status, body, { ...this.cors, 'content-type': `${contentType}; charset=UTF-8`, ...headers });
  }

  /** Answers with exactly these headers (plus the request id). */
  send(status: number, body: string | Buffer, headers: OutgoingHttpHeaders): void {
    sendResponse(this.request, this.response, status, body, headers);
  }
}

/** Writes the whole response, with AppSync's request id. */
export function sendResponse(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: OutgoingHttpHeaders,
): void {
  response.writeHead(status, {
    ...headers,
    'x-amzn-RequestId': randomUUID(),
    // A body left unread (over the drained limit) must not be drained for the next request.
    ...(request.complete ? {} : { connection: 'close' }),
  });
  response.end(body);
}
