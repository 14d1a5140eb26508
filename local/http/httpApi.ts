import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, RequestAbortedError, errorBody } from './httpErrors.js';
import { HttpExchange } from './httpExchange.js';
import { httpRoutes, type HttpRoutesOptions } from './httpRoutes.js';
import { notFound } from './notFound.js';
import { requestPath } from './requestPath.js';

export { GRAPHQL_PATH } from './graphqlRoute.js';

export interface HttpApiOptions extends HttpRoutesOptions {
  /** Whether a Host header names this API (see allowedHostHeaders); others are refused. */
  readonly isAllowedHost: (host: string | undefined) => boolean;
}

const HOST_REFUSED_MESSAGE =
  'The Host header does not name this API (localhost, 127.0.0.1, [::1] or the bound address, with the port): ' +
  'other names are refused so that no website can reach the API by DNS rebinding';

/**
 * The HTTP side of the API: each request goes to the first route of the table (httpRoutes.ts)
 * that matches it, or gets 404. A request whose target is not a URL, or whose Host is not this
 * API's, is refused first (400, 421: DNS rebinding). Every refusal is AppSync's JSON error with
 * `x-amzn-ErrorType`; a failure that is not the caller's is reported and answered 500.
 */
export function createHttpHandler(options: HttpApiOptions): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const routes = httpRoutes(options);
  return async (request, response) => {
    const pathname = requestPath(request.url);
    const route = pathname === undefined ? undefined : routes.find((candidate) => candidate.matches(request, pathname));
    const exchange = new HttpExchange(request, response, pathname ?? '', route?.cors ?? {});
    try {
      if (pathname === undefined) throw new HttpError(400, 'MalformedHttpRequestException', 'The request target is not a valid URL');
      if (request.headers.host === undefined) throw new HttpError(400, 'BadRequestException', 'The request has no Host header');
      if (!options.isAllowedHost(request.headers.host)) throw new HttpError(421, 'MisdirectedRequestException', HOST_REFUSED_MESSAGE);
      if (!route) throw notFound(pathname);
      await route.handle(exchange);
    } catch (error) {
      if (error instanceof RequestAbortedError) return;
      if (!(error instanceof HttpError)) options.onInternalError(error);
      const { status, errorType, message, headers } =
        error instanceof HttpError ? error : new HttpError(500, 'InternalFailure', 'An internal failure occurred');
      exchange.reply(status, errorBody(errorType, message), 'application/json', { ...headers, 'x-amzn-ErrorType': errorType });
    }
  };
}
