import { SharedSocketClient } from './sharedSocketClient.js';
import type { RealtimeClient, RealtimeClientSettings } from './types.js';

export type {
  RealtimeClient,
  RealtimeClientSettings,
  RealtimeCloseInfo,
  RealtimeOptions,
  Sink,
  SubscribePayload,
  WebSocketConstructor,
  WebSocketLike,
} from './types.js';

/**
 * A client of AppSync's real-time protocol with graphql-ws's API: one socket shared by every
 * subscription, opened on the first and closed after the last (unless `lazy: false`); auth read
 * afresh from the provider for every connect and every start; after the server goes away or the
 * network drops, reconnects with randomised backoff and starts every active subscription again
 * (events published while disconnected are not replayed: AppSync keeps none). A failing auth
 * provider (a token refresh while offline) counts as a failed attempt, reported to `on.error`. A
 * connection refused for its credentials is retried once at once (with a fresh token), then every
 * subscription fails with a MemoApiRequestError `UnauthorizedException` (status 401). An `error`
 * for one start ends that subscription only (`sink.error` with a SubscriptionRefusedError, typed by
 * toMemoApiError); each `start_ack` calls the sink's optional `started`.
 *
 * @example
 * import WebSocket from 'ws'; // Node 20 only; browsers have one
 * const realtime = createRealtimeClient({ ...config, auth: userPoolAuth(getIdToken), WebSocket });
 * const unsubscribe = realtime.subscribe({ query: print(OnCreateMemoDocument) }, {
 *   started: () => console.log('live'),
 *   next: ({ data }) => console.log(data.onCreateMemo),
 *   error: (error) => console.error(toMemoApiError(error) ?? error),
 *   complete: () => {},
 * });
 */
export function createRealtimeClient(settings: RealtimeClientSettings): RealtimeClient {
  return new SharedSocketClient(settings);
}
