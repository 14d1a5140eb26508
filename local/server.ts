import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateApiKey, SHARED_DEFAULTS, type LocalApiConfig } from './config.js';
import { GraphQLExecutor } from './graphqlExecution.js';
import { allowedHostHeaders } from './hostAccess.js';
import { createHttpHandler, GRAPHQL_PATH, refuseMalformedRequest, refuseOnSocket } from './httpApi.js';
import { loadLambdaResolvers } from './lambdaFields.js';
import { buildLocalSchema } from './localSchema.js';
import { REALTIME_PATH, RealtimeEndpoint } from './realtime.js';
import { startStore } from './storeBootstrap.js';
import { SubscriptionHub } from './subscriptionHub.js';

export type LocalApiOptions = Partial<LocalApiConfig> & { onInternalError?: (error: unknown) => void };

export interface LocalApi {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql */
  readonly url: string;
  /** The real-time endpoint, e.g. ws://127.0.0.1:4000/graphql/realtime */
  readonly realtimeUrl: string;
  readonly apiKey: string;
  /** Where the data lives, for humans. */
  readonly storeDescription: string;
  /** Stops accepting, lets in-flight requests finish, closes real-time connections, then the store. */
  close(): Promise<void>;
}

/** The store the handler modules were imported against; they cannot be pointed elsewhere later. */
let handlersBoundTo: string | undefined;

/**
 * Starts the memo API the way AppSync serves it, on this machine.
 * Defaults suit programs (benchmarks, tests): a free port on 127.0.0.1, an in-memory store and a
 * random API key. One API per process: the handlers read their store settings once, at import.
 *
 * @example
 * const api = await startLocalApi({ dataDir: null });
 * await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey }, body });
 * await api.close();
 */
export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const config: LocalApiConfig = {
    ...SHARED_DEFAULTS,
    port: 0,
    dataDir: null,
    apiKey: generateApiKey(),
    dynamodbEndpoint: undefined,
    ...options,
  };
  const onInternalError = options.onInternalError ?? ((error: unknown) => console.error(error));
  if (handlersBoundTo !== undefined) {
    throw new Error(`startLocalApi already ran in this process (store ${handlersBoundTo}); start another process for another API`);
  }
  const store = await startStore(config);
  handlersBoundTo = store.endpoint;

  const resolvers = await loadLambdaResolvers();
  const { schema, subscriptionTriggers } = buildLocalSchema(resolvers);
  const executor = new GraphQLExecutor(schema, (typeName, fieldName) => resolvers.has(`${typeName}.${fieldName}`), config);
  const hub = new SubscriptionHub(schema, subscriptionTriggers);
  const realtime = new RealtimeEndpoint({ apiKey: config.apiKey, keepAliveMs: config.keepAliveMs, executor, hub });
  let allowedHosts: ReadonlySet<string> = new Set(); // known once listening (PORT=0 picks the port)
  const isAllowedHost = (host: string | undefined) => host !== undefined && allowedHosts.has(host.toLowerCase());
  const handle = createHttpHandler({ apiKey: config.apiKey, realtimePath: REALTIME_PATH, executor, hub, isAllowedHost, onInternalError });

  let inFlight = 0;
  let idle: (() => void) | undefined;
  const server = createServer((request, response) => {
    inFlight += 1;
    void handle(request, response).finally(() => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    if (new URL(request.url ?? '/', 'http://local').pathname === REALTIME_PATH) return realtime.handleUpgrade(request, socket, head);
    refuseOnSocket(socket, 404, 'NotFoundException', `No WebSocket endpoint at this path; the real-time endpoint is at ${REALTIME_PATH}`);
  });
  server.on('clientError', refuseMalformedRequest);
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
    apiKey: config.apiKey,
    storeDescription: store.description,
    close: () => (closing ??= close()),
  };
}
