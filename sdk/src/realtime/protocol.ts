import { base64Json } from '../auth/base64Json.js';
import { MemoApiRequestError } from '../errors.js';
import { SubscriptionRefusedError } from './subscriptionRefusedError.js';

/** AppSync's subprotocol name (its own dialect, not the graphql-transport-ws one). */
export const SUBPROTOCOL = 'graphql-ws';
/** What AppSync announces when connection_ack carries no connectionTimeoutMs. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 300_000;

/** One entry of an `error` or `connection_error` message's `payload.errors`. */
export interface ProtocolError {
  readonly errorType?: string | null;
  readonly message: string;
  readonly errorCode?: number;
  readonly errorInfo?: unknown;
}

/** A message from the server, as far as the client reads it. */
export type ServerMessage =
  | { readonly type: 'connection_ack'; readonly connectionTimeoutMs: number }
  | { readonly type: 'ka' }
  | { readonly type: 'connection_error'; readonly errors: readonly ProtocolError[] }
  | { readonly type: 'start_ack'; readonly id: string }
  | { readonly type: 'data'; readonly id: string; readonly payload: unknown }
  | { readonly type: 'complete'; readonly id: string }
  | { readonly type: 'error'; readonly id?: string; readonly errors: readonly ProtocolError[] };

/**
 * The connection URL: the `header` object base64-encoded in the query (percent-encoded, as `+`
 * and `/` must be), and the empty payload `{}`. AppSync takes this form on `wss://` as well.
 *
 * @example
 * connectionUrl('ws://localhost:4000/graphql/realtime', { host: 'localhost:4000', Authorization: token });
 */
export function connectionUrl(realtimeUrl: string, header: Record<string, string>): string {
  const separator = realtimeUrl.includes('?') ? '&' : '?';
  return `${realtimeUrl}${separator}header=${encodeURIComponent(base64Json(header))}&payload=e30=`;
}

/** The message, or undefined for text that is not one the client knows. */
export function parseServerMessage(text: unknown): ServerMessage | undefined {
  let message: { type?: unknown; id?: unknown; payload?: { connectionTimeoutMs?: unknown; errors?: unknown } };
  try {
    message = JSON.parse(String(text)) as typeof message;
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const id = typeof message.id === 'string' ? message.id : undefined;
  const errors = Array.isArray(message.payload?.errors) ? (message.payload.errors as ProtocolError[]) : [];
  switch (message.type) {
    case 'connection_ack': {
      const timeout = message.payload?.connectionTimeoutMs;
      return {
        type: 'connection_ack',
        connectionTimeoutMs: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_CONNECTION_TIMEOUT_MS,
      };
    }
    case 'ka':
      return { type: 'ka' };
    case 'connection_error':
      return { type: 'connection_error', errors };
    case 'error':
      return { type: 'error', ...(id === undefined ? {} : { id }), errors };
    case 'start_ack':
    case 'complete':
      return id === undefined ? undefined : { type: message.type, id };
    case 'data':
      return id === undefined ? undefined : { type: 'data', id, payload: message.payload };
    default:
      return undefined;
  }
}

/** Whether AppSync refused the credentials (the connection's or a start's). */
export function isUnauthorized(errors: readonly ProtocolError[]): boolean {
  return errors.some((error) => error.errorType === 'UnauthorizedException' || error.errorCode === 401);
}

/**
 * A refusal in `error` or `connection_error` as a MemoApiRequestError named after the first
 * error's type (toMemoApiError maps it on to a MemoApiError when it is one of the API's).
 */
export function protocolFailure(errors: readonly ProtocolError[], fallback: string): MemoApiRequestError {
  return new MemoApiRequestError(...failureDetails(errors, fallback));
}

/** The `error` message AppSync sent for one subscription's start, as a SubscriptionRefusedError. */
export function subscriptionRefusal(errors: readonly ProtocolError[]): SubscriptionRefusedError {
  return new SubscriptionRefusedError(...failureDetails(errors, 'The subscription was refused'));
}

function failureDetails(errors: readonly ProtocolError[], fallback: string): ConstructorParameters<typeof MemoApiRequestError> {
  const first = errors[0];
  return [
    first?.message ?? fallback,
    {
      errorType: first?.errorType ?? 'RealtimeError',
      status: first?.errorCode ?? (isUnauthorized(errors) ? 401 : 0),
      errorInfo: first?.errorInfo,
      errors: errors.map((error) => ({ ...error })),
    },
  ];
}

/** A random UUID v4 for a subscription id; `crypto.getRandomValues` works outside secure contexts too. */
export function newSubscriptionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
