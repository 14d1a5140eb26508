/**
 * A fetch that can be switched off like a network (`online = false`: every request fails as a
 * dead network does) and given faults no real part produces on demand: `beforeSend` may fail a
 * request before it leaves, `afterAnswer` may drop an answer after the server acted on it.
 * `sent` lists the GraphQL operations that reached the server, in order.
 */
export interface FaultyFetch {
  readonly fetch: typeof globalThis.fetch;
  online: boolean;
  readonly sent: string[];
  /** Called with the operation name and its number (1, 2, …); return true to fail it before it is sent. */
  beforeSend?: (operation: string, count: number) => boolean;
  /** Called after the server answered; return true to lose the answer (the request did reach the server). */
  afterAnswer?: (operation: string, count: number) => boolean;
  /** Called before a request is sent; the request waits for the promise it returns (a slow network). */
  gate?: (operation: string, count: number) => Promise<void> | undefined;
}

export function faultyFetch(): FaultyFetch {
  let count = 0;
  const faulty: FaultyFetch = {
    online: true,
    sent: [],
    fetch: async (input, init) => {
      const operation = operationOf(init?.body);
      const number = ++count;
      if (!faulty.online || faulty.beforeSend?.(operation, number)) throw new TypeError('fetch failed');
      await faulty.gate?.(operation, number);
      const response = await globalThis.fetch(input, init);
      faulty.sent.push(operation);
      if (faulty.afterAnswer?.(operation, number)) {
        await response.text();
        throw new TypeError('fetch failed: the connection was reset before the answer arrived');
      }
      return response;
    },
  };
  return faulty;
}

function operationOf(body: unknown): string {
  if (typeof body !== 'string') return '?';
  const { query } = JSON.parse(body) as { query: string };
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '?';
}
