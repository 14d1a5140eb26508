import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { HttpExchange } from './httpExchange.js';

/**
 * One entry of the HTTP route table (httpRoutes.ts): the first route that matches a request
 * answers it; a request no route matches gets 404.
 */
export interface HttpRoute {
  matches(request: IncomingMessage, pathname: string): boolean;
  /** Sent with every answer on this route, errors included (none when absent). */
  readonly cors?: OutgoingHttpHeaders;
  /** @throws {HttpError} to refuse the request in AppSync's error shape */
  handle(exchange: HttpExchange): Promise<void> | void;
}
