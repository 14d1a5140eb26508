import { performance } from 'node:perf_hooks';
import { createMemoClient, parseMemoClientConfig, UserPoolSession, userPoolOf } from '@memo-api/client';
import { createMemoStore, memoryStorage } from '@memo-api/client/offline';
import type { ClientConfig } from '../../local/http/clientConfig.js';
import { round } from '../stats.js';
import type { OutboxDrainFigures } from './syncFigures.js';

/** The outbox drain the issue asks for: this many creates queued offline, then one reconnect. */
export const OUTBOX_DRAIN_EDITS = 1000;

/** What the drain needs of the running local API. */
export interface DrainTarget {
  readonly clientConfig: ClientConfig;
}

/**
 * Issue 19's "time to push 1,000 queued edits after reconnect", through the SDK's offline store
 * (createMemoStore over memoryStorage, live events off) and the real local runtime: signed in as
 * the runtime's second user (the first one's memos are the other measurements'), `edits` creates
 * made while every request fails as with no network, then the network back and one `sync()`,
 * timed until the outbox is empty. Each create is one CreateMemo request (counted at the fetch);
 * the catch-up's memoChanges pulls are counted apart.
 *
 * @throws {Error} when the outbox is not empty after the sync, or a create was sent other than once
 */
export async function measureOutboxDrain(target: DrainTarget, edits = OUTBOX_DRAIN_EDITS): Promise<OutboxDrainFigures> {
  const config = parseMemoClientConfig(target.clientConfig);
  const user = target.clientConfig.users[1] ?? target.clientConfig.users[0];
  if (!user) throw new Error('the local runtime has no users to sign in as');
  const session = new UserPoolSession(userPoolOf(config));
  await session.signIn(user.username, user.password);
  const network = switchableFetch();
  const client = createMemoClient(config, { auth: session.auth, fetch: network.fetch });
  const store = createMemoStore({ client, storage: memoryStorage(), live: false, backoff: () => 60_000 });
  try {
    network.online = false;
    await store.ready;
    for (let i = 0; i < edits; i++) await store.create({ title: `queued ${i}`, content: `written offline, edit ${i}` });
    if (store.status().pending !== edits) throw new Error(`${store.status().pending} edits queued, not ${edits}`);
    network.online = true;
    network.sent.length = 0;
    const started = performance.now();
    await store.sync();
    const seconds = round((performance.now() - started) / 1000, 2);
    const creates = network.sent.filter((operation) => operation === 'CreateMemo').length;
    if (store.status().pending !== 0 || creates !== edits)
      throw new Error(`after the drain: ${store.status().pending} edits pending, ${creates} creates sent for ${edits}`);
    return { status: 'measured', edits, seconds, requests: network.sent.length, createsSent: creates };
  } finally {
    await store.close();
    client.close();
  }
}

/** A fetch that fails as a dead network does while `online` is false, and lists the operations it sent. */
function switchableFetch() {
  const network = {
    online: true,
    sent: [] as string[],
    fetch: async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      if (!network.online) throw new TypeError('fetch failed');
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { query?: string }) : {};
      network.sent.push(/^\s*(?:query|mutation)\s+(\w+)/.exec(body.query ?? '')?.[1] ?? '?');
      return globalThis.fetch(input, init);
    },
  };
  return network;
}
