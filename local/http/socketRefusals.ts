import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { GRAPHQL_CORS_HEADERS } from './graphqlRoute.js';
import { errorBody } from './httpErrors.js';
import { sendResponse } from './httpExchange.js';

/**
 * Answers on a bare socket, for requests that never reach the handler: a WebSocket upgrade that is
 * refused, or a request Node's HTTP parser rejects. Same shape and headers as the handler's errors.
 */
export function refuseOnSocket(
  socket: Duplex,
  status: number,
  errorType: string,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  if (!socket.writable) return void socket.destroy();
  const body = errorBody(errorType, message);
  const head = {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
    'x-amzn-ErrorType': errorType,
    connection: 'close',
    ...headers,
  };
  const headLines = Object.entries(head).map(([name, value]) => `${name}: ${String(value)}`);
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headLines.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * A `checkExpectation` listener for the server: an `Expect` other than `100-continue` gets 417 in
 * AppSync's error shape (Node's own answer has an empty body and no error type).
 */
export function refuseExpectation(request: IncomingMessage, response: ServerResponse): void {
  const errorType = 'BadRequestException';
  sendResponse(request, response, 417, errorBody(errorType, 'Only "Expect: 100-continue" is supported'), {
    ...GRAPHQL_CORS_HEADERS,
    'content-type': 'application/json; charset=UTF-8',
    'x-amzn-ErrorType': errorType,
    connection: 'close',
  });
}

/** A `clientError` listener for the server: Node's answers to malformed requests, in AppSync's shape. */
export function refuseMalformedRequest(error: Error & { code?: string }, socket: Duplex): void {
  // Node's own rule: nothing is written once a response has gone out on this connection.
  if ((socket as Duplex & { bytesWritten?: number }).bytesWritten) return void socket.destroy();
  if (error.code === 'HPE_HEADER_OVERFLOW') return refuseOnSocket(socket, 431, 'BadRequestException', 'The request headers are too large');
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return refuseOnSocket(socket, 408, 'BadRequestException', 'The request was not received in time');
  refuseOnSocket(socket, 400, 'MalformedHttpRequestException', 'The request is not valid HTTP');
}
