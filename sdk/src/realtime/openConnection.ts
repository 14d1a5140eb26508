import { RealtimeConnection, type ConnectionHandlers } from './connection.js';
import { connectionUrl } from './protocol.js';
import type { RealtimeClientSettings, WebSocketConstructor } from './types.js';

/** How long a new socket may take to open and acknowledge connection_init. */
const DEFAULT_ACK_TIMEOUT_MS = 15_000;

/**
 * Opens one socket to the settings' real-time endpoint with the connect `header` (auth, read by the caller).
 *
 * @throws {Error} when there is no WebSocket class, or it refuses the URL
 */
export function openConnection(
  settings: RealtimeClientSettings,
  header: Record<string, string>,
  handlers: ConnectionHandlers,
): RealtimeConnection {
  const WebSocketClass = settings.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!WebSocketClass) throw new Error('No WebSocket class: pass one as the WebSocket option (in Node 20: `import WebSocket from "ws"`)');
  const url = connectionUrl(settings.realtimeUrl, header);
  return new RealtimeConnection(url, WebSocketClass, settings.connectionAckTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS, handlers);
}

/** An error with no subscription to take it: `on.error`, else thrown outside the client's own stack. */
export function reportUnclaimed(settings: RealtimeClientSettings, error: unknown): void {
  if (settings.on?.error) return settings.on.error(error);
  setTimeout(() => {
    throw error;
  });
}
