import type { IncomingMessage } from 'node:http';

/** The auth headers a client put in the connection URL (`?header=`, base64 JSON) or subprotocol list (`header-<base64url>`). */
export function connectionHeaders(request: IncomingMessage): Record<string, unknown> {
  // Not URLSearchParams: it would read a raw base64 '+' (as clients send it) as a space.
  const rawQuery = /[?&]header=([^&]*)/.exec(request.url ?? '')?.[1];
  const fromQuery = rawQuery === undefined ? undefined : safeDecode(rawQuery);
  const fromProtocol = String(request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .find((protocol) => protocol.startsWith('header-'))
    ?.slice('header-'.length);
  const encoded = fromQuery ?? fromProtocol;
  if (!encoded) return {};
  try {
    const headers: unknown = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
    return typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
