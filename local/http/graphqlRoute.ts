import type { IncomingMessage } from 'node:http';
import type { GraphQLExecutor } from '../appsync/graphqlExecution.js';
import type { Authenticator } from '../auth/authenticator.js';
import { HttpError } from './httpErrors.js';
import type { HttpRoute } from './httpRoute.js';
import { readGraphQLRequest } from './readGraphQLRequest.js';

export const GRAPHQL_PATH = '/graphql';

/**
 * The API itself is open to other origins (a front end on a Vite dev server calls it with its
 * token, as with AppSync); the GraphiQL page holds the local users' passwords, so no other site
 * may read it, and /config.json shows other sites its settings without them (clientConfig.ts).
 */
export const GRAPHQL_CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
  // AppSync's list: a browser client (Amplify JS) names errors from x-amzn-ErrorType.
  'access-control-expose-headers': 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-user-agent,x-amzn-ErrorMessage,Date,x-amz-schema-version',
};

/**
 * POST /graphql runs GraphQL the AppSync way (verified credentials, JSON body up to 1 MB,
 * AppSync's response and error shapes, CORS); other methods get a JSON error, as GraphQL clients
 * expect from the endpoint. The executor publishes what mutations change to subscribers.
 */
export function graphqlRoute(authenticator: Authenticator, executor: Pick<GraphQLExecutor, 'execute'>): HttpRoute {
  return {
    matches: (_request, pathname) => pathname === GRAPHQL_PATH,
    cors: GRAPHQL_CORS_HEADERS,
    async handle(exchange) {
      const { request } = exchange;
      if (request.method === 'OPTIONS') return exchange.reply(204, '', 'text/plain');
      if (request.method !== 'POST')
        throw new HttpError(405, 'MethodNotAllowedException', methodRefusedMessage(request.method), { allow: 'POST, OPTIONS' });
      const { caller, graphqlRequest } = await readGraphQLRequest(request, authenticator);
      const { response } = await executor.execute(graphqlRequest, headersOf(request), caller);
      exchange.reply(200, JSON.stringify(response), 'application/json');
    },
  };
}

function headersOf(request: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

function methodRefusedMessage(method: string | undefined): string {
  return `${method ?? 'This method'} is not supported on ${GRAPHQL_PATH}: send GraphQL as a POST with a JSON body (urql: preferGetMethod: false); GraphiQL is at /`;
}
