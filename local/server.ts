import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SHARED_DEFAULTS, type LocalApiConfig } from './config.js';
import { GraphQLExecutor } from './appsync/graphqlExecution.js';
import { Authenticator } from './auth/authenticator.js';
import { apiAuthModes } from './auth/apiAuthModes.js';
import type { AuthModeVerifiers } from './auth/authModeVerifier.js';
import { loadIamPrincipal, type LocalIamPrincipal } from './auth/iam/iamCredentials.js';
import { defaultSeedUsers } from './auth/userPool/seedUsers.js';
import type { SeedUser } from './auth/userPool/types.js';
import { LocalUserPool } from './auth/userPool/userPool.js';
import { clientConfig, type ClientConfig } from './http/clientConfig.js';
import { allowedHostHeaders } from './http/hostAccess.js';
import { createHttpHandler, GRAPHQL_PATH } from './http/httpApi.js';
import { refuseExpectation, refuseMalformedRequest, refuseOnSocket } from './http/socketRefusals.js';
import { requestPath } from './http/requestPath.js';
import { loadLambdaResolvers } from './appsync/lambdaFields.js';
import { buildLocalSchema } from './appsync/localSchema.js';
import { REALTIME_PATH, RealtimeEndpoint } from './realtime/realtime.js';
import { startStore, type RunningStore } from './store/storeBootstrap.js';
import { SubscriptionHub } from './realtime/subscriptionHub.js';
import { loadSubscriptionResolvers } from './appsync/subscriptionResolvers.js';

export type LocalApiOptions = Partial<LocalApiConfig> & {
  onInternalError?: (error: unknown) => void;
  /** Auth modes admitted beyond the API's own two (apiAuthModes.ts), by name; tests add one to show a mode without rules fails closed. */
  additionalAuthModes?: AuthModeVerifiers;
};

export interface LocalApi {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  readonly url: string;
  /** The real-time endpoint, e.g. ws://127.0.0.1:4000/graphql/realtime */
  readonly realtimeUrl: string;
  /** What GET /config.json serves: endpoints, the local user pool, its seeded users. */
  readonly clientConfig: ClientConfig;
  /** The IAM credentials back-office callers sign requests with. */
  readonly iam: Pick<LocalIamPrincipal, 'accessKeyId' | 'secretAccessKey' | 'userArn'>;
  /** Where the data lives, for humans. */
  readonly storeDescription: string;
  /** The store the API's handlers are bound to: its endpoint and table, for programs that seed or count requests beside it. */
  readonly store: Pick<RunningStore, 'endpoint' | 'tableName' | 'memoStore'>;
  /** Stops accepting, lets in-flight requests finish, closes real-time connections, then the store. */
  close(): Promise<void>;
}

/**
 * Starts the memo API the way AppSync serves it, on this machine.
 * Defaults suit programs (benchmarks, tests): a free port on 127.0.0.1, an in-memory store and
 * user pool with alice and bob. Each API binds the handlers to a store of its own, so several APIs
 * (on several tables) can run in one process.
 *
 * @example
 * const api = await startLocalApi({ dataDir: null });
 * const { username, password } = api.clientConfig.users[0]; // sign in with them (InitiateAuth), then
 * await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: idToken }, body });
 * await api.close();
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const config: LocalApiConfig = {
    ...SHARED_DEFAULTS,
    port: 0,
    dataDir: null,
    users: undefined,
    dynamodbEndpoint: undefined,
    ...options,
  };
  const onInternalError = options.onInternalError ?? ((error: unknown) => console.error(error));
  const store = await startStore(config);

  const resolvers = await loadLambdaResolvers({ store: store.memoStore, region: config.region });
  const { schema, subscriptionTriggers } = buildLocalSchema(resolvers);
  const hub = new SubscriptionHub(schema, subscriptionTriggers, await loadSubscriptionResolvers());
  // The executor publishes each mutation's results, whatever transport carried it.
  const executor = new GraphQLExecutor(
    schema,
    (typeName, fieldName) => resolvers.has(`${typeName}.${fieldName}`),
    config,
    (results) => void hub.publish(results).catch(onInternalError),
  );
  let allowedHosts: ReadonlySet<string> = new Set(); // known once listening (PORT=0 picks the port)
  const isAllowedHost = (host: string | undefined) => host !== undefined && allowedHosts.has(host.toLowerCase());
  // The user pool's issuer names the port, known only once listening: requests wait for it.
  let markReady: (endpoints: { handle: ReturnType<typeof createHttpHandler>; realtime: RealtimeEndpoint }) => void = () => {};
  const ready = new Promise<{ handle: ReturnType<typeof createHttpHandler>; realtime: RealtimeEndpoint }>(
    (resolve) => (markReady = resolve),
  );
  const handle: ReturnType<typeof createHttpHandler> = async (request, response) => (await ready).handle(request, response);

  let inFlight = 0;
  let idle: (() => void) | undefined;
  // No request may end the process: a failure the handlers did not foresee is reported, and the
  // connection it happened on is dropped.
  const requestFailed = (error: unknown, socket: { destroy(): void }) => {
    onInternalError(error);
    socket.destroy();
  };
  // A missing Host gets the API's own 400 in AppSync's shape, not Node's empty one.
  const server = createServer({ requireHostHeader: false }, (request, response) => {
    inFlight += 1;
    handle(request, response)
      .catch((error: unknown) => requestFailed(error, response))
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) idle?.();
      });
  });
  server.on('upgrade', (request, socket, head) => {
    const path = requestPath(request.url);
    if (path === undefined) return refuseOnSocket(socket, 400, 'MalformedHttpRequestException', 'The request target is not a valid URL');
    if (path !== REALTIME_PATH)
      return refuseOnSocket(
        socket,
        404,
        'NotFoundException',
        `No WebSocket endpoint at this path; the real-time endpoint is at ${REALTIME_PATH}`,
      );
    ready.then(({ realtime }) => realtime.handleUpgrade(request, socket, head)).catch((error: unknown) => requestFailed(error, socket));
  });
  server.on('clientError', refuseMalformedRequest);
  server.on('checkExpectation', refuseExpectation);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  allowedHosts = allowedHostHeaders(config.host, port);
  const origin = `${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let userPool: LocalUserPool;
  let principal: LocalIamPrincipal;
  let users: readonly SeedUser[];
  try {
    users = config.users ?? (await defaultSeedUsers(config.dataDir));
    principal = await loadIamPrincipal({ dataDir: config.dataDir });
    // The IAM principal may also call the pool's admin actions (AdminCreateUser, …), as on Cognito.
    userPool = await LocalUserPool.open({
      dataDir: config.dataDir,
      region: config.region,
      issuerOrigin: `http://${origin}`,
      seedUsers: users,
      adminPrincipal: principal,
    });
  } catch (error) {
    server.close();
    await store.close();
    throw error;
  }
  const authenticator = new Authenticator({
    ...apiAuthModes({ userPool, principal, graphqlPath: GRAPHQL_PATH }),
    ...options.additionalAuthModes,
  });
  const served = clientConfig({
    origin,
    graphqlPath: GRAPHQL_PATH,
    realtimePath: REALTIME_PATH,
    region: config.region,
    userPoolId: userPool.userPoolId,
    userPoolClientId: userPool.clientId,
    users,
  });
  const realtime = new RealtimeEndpoint({ authenticator, keepAliveMs: config.keepAliveMs, executor, hub });
  markReady({
    realtime,
    handle: createHttpHandler({
      authenticator,
      userPool,
      clientConfig: served,
      realtimePath: REALTIME_PATH,
      executor,
      isAllowedHost,
      onInternalError,
    }),
  });

  let closing: Promise<void> | undefined;
  const close = async () => {
    server.close();
    await realtime.close();
    if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
    server.closeAllConnections();
    await store.close();
  };
  return {
    url: `http://${origin}${GRAPHQL_PATH}`,
    realtimeUrl: `ws://${origin}${REALTIME_PATH}`,
    clientConfig: served,
    iam: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey, userArn: principal.userArn },
    storeDescription: store.description,
    store: { endpoint: store.endpoint, tableName: store.tableName, memoStore: store.memoStore },
    close: () => (closing ??= close()),
  };
}
