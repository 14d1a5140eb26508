import type { GraphQLExecutor } from '../appsync/graphqlExecution.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { LocalUserPool } from '../auth/userPool/userPool.js';
import { answerClientConfig, CLIENT_CONFIG_PATH, type ClientConfig } from './clientConfig.js';
import { GRAPHIQL_ASSET_PREFIX, graphiqlAsset, graphiqlHtml } from './graphiqlPage.js';
import { GRAPHQL_PATH, graphqlRoute } from './graphqlRoute.js';
import type { HttpRoute } from './httpRoute.js';
import { notFound } from './notFound.js';
import { readRequestBody } from './readRequestBody.js';
import { answerUserPoolCall, isUserPoolCall, USER_POOL_CORS_HEADERS, wellKnownDocument } from './userPoolRoutes.js';
import { answerWebApp, isWebAppPath } from './webApp.js';

export interface HttpRoutesOptions {
  readonly authenticator: Authenticator;
  readonly userPool: LocalUserPool;
  /** The body of GET /config.json. */
  readonly clientConfig: ClientConfig;
  /** Where the real-time endpoint is, for the GraphiQL page. */
  readonly realtimePath: string;
  readonly executor: Pick<GraphQLExecutor, 'execute'>;
  /** Reports a failure that is not the caller's fault (logged by the CLI). */
  readonly onInternalError: (error: unknown) => void;
}

const isGet = (method: string | undefined) => method === 'GET';

/**
 * Everything the API serves over HTTP, first match first: POST / with `X-Amz-Target` is the
 * local user pool's Cognito API; /app/ the web app (webApp.ts); GET / the GraphiQL page (same
 * origin only); GET /config.json the client settings (the users' passwords to the same origin
 * only); `/<userPoolId>/.well-known/…` the pool's keys; /graphql the API itself.
 */
export function httpRoutes(options: HttpRoutesOptions): readonly HttpRoute[] {
  const { userPool, clientConfig } = options;
  const page = graphiqlHtml({ endpointPath: GRAPHQL_PATH, realtimePath: options.realtimePath });
  return [
    {
      matches: (request, pathname) => isUserPoolCall(request, pathname),
      cors: USER_POOL_CORS_HEADERS,
      async handle(exchange) {
        if (exchange.request.method === 'OPTIONS') return exchange.reply(204, '', 'text/plain');
        const answer = await answerUserPoolCall(userPool, exchange.request, await readRequestBody(exchange.request));
        if (answer.internalError) options.onInternalError(answer.internalError);
        exchange.send(answer.status, JSON.stringify(answer.body), { ...exchange.cors, ...answer.headers });
      },
    },
    {
      matches: (_request, pathname) => isWebAppPath(pathname),
      async handle(exchange) {
        const app = await answerWebApp(exchange.request.method, exchange.pathname, clientConfig);
        exchange.send(app.status, app.body, app.headers);
      },
    },
    {
      matches: (request, pathname) => isGet(request.method) && pathname === '/',
      handle: (exchange) => exchange.reply(200, page, 'text/html'),
    },
    // Browsers ask for it on every page; there is none, and a 404 would show as a console error.
    {
      matches: (request, pathname) => isGet(request.method) && pathname === '/favicon.ico',
      handle: (exchange) => exchange.reply(204, '', 'image/x-icon'),
    },
    {
      matches: (request, pathname) => pathname === CLIENT_CONFIG_PATH && (request.method === 'GET' || request.method === 'OPTIONS'),
      handle(exchange) {
        const answer = answerClientConfig(exchange.request.method, exchange.request.headers, clientConfig);
        exchange.send(answer.status, answer.body, answer.headers);
      },
    },
    {
      matches: (request, pathname) => isGet(request.method) && wellKnownDocument(userPool, pathname) !== undefined,
      handle: (exchange) =>
        exchange.reply(200, JSON.stringify(wellKnownDocument(userPool, exchange.pathname)), 'application/json', {
          'access-control-allow-origin': '*',
        }),
    },
    {
      matches: (request, pathname) => isGet(request.method) && pathname.startsWith(GRAPHIQL_ASSET_PREFIX),
      async handle(exchange) {
        const asset = await graphiqlAsset(exchange.pathname.slice(GRAPHIQL_ASSET_PREFIX.length));
        if (!asset) throw notFound(exchange.pathname);
        exchange.reply(200, asset.body, asset.contentType);
      },
    },
    graphqlRoute(options.authenticator, options.executor),
  ];
}
