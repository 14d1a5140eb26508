import type { IncomingHttpHeaders } from 'node:http';
import type { MemoClientConfig } from '@memo-api/client';
import type { SeedUser } from '../auth/userPool/types.js';

/**
 * What a client needs to sign in and call the API, served at `GET /config.json`: the SDK's
 * MemoClientConfig (the one definition of the shape `npm run deploy` also writes), with every
 * key the runtime knows filled in, `users` (the local pool's seeded users) included.
 */
export type ClientConfig = Required<MemoClientConfig>;

export function clientConfig(settings: {
  origin: string;
  graphqlPath: string;
  realtimePath: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  users: readonly SeedUser[];
}): ClientConfig {
  const { origin } = settings;
  return {
    graphqlUrl: `http://${origin}${settings.graphqlPath}`,
    realtimeUrl: `ws://${origin}${settings.realtimePath}`,
    region: settings.region,
    userPoolId: settings.userPoolId,
    userPoolClientId: settings.userPoolClientId,
    userPoolEndpoint: `http://${origin}/`,
    users: settings.users.map(({ username, password }) => ({ username, password })),
  };
}

export const CLIENT_CONFIG_PATH = '/config.json';

/**
 * /config.json to another origin (a front end on a dev server, a page elsewhere): the API's CORS,
 * as on /graphql. Such a caller gets the client settings without `users`, the local users'
 * passwords, which only this origin's own pages and non-browser clients (curl, scripts: no
 * `Origin`) may read.
 */
const CROSS_ORIGIN_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
};

export interface ClientConfigAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The answer to a GET or OPTIONS (CORS preflight) of /config.json. A request from another origin
 * (an `Origin` header that is not `http://<Host>`) gets CORS headers and the settings without
 * `users`; any other, the whole config and no CORS. The answer varies with `Origin`, so caches keep both.
 *
 * @example
 * const answer = answerClientConfig(request.method, request.headers, config);
 */
export function answerClientConfig(method: string | undefined, headers: IncomingHttpHeaders, config: ClientConfig): ClientConfigAnswer {
  const crossOrigin = headers.origin !== undefined && headers.origin !== `http://${headers.host}`;
  const cors = crossOrigin ? CROSS_ORIGIN_HEADERS : {};
  if (method === 'OPTIONS') return { status: 204, body: '', headers: { ...cors, vary: 'Origin' } };
  const { users, ...settings } = config;
  const body = JSON.stringify(crossOrigin ? settings : { ...settings, users }, null, 2);
  return { status: 200, body, headers: { ...cors, vary: 'Origin', 'content-type': 'application/json; charset=UTF-8' } };
}
