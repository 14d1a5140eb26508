import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, importJWK, SignJWT, type CryptoKey } from 'jose';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CreateMemoDocument, DeleteMemoDocument, UpdateMemoDocument } from '../../../sdk/src/generated/operations.js';
import { memoryStorage } from '../../../sdk/src/offline/memoryStorage.js';
import type { Conflict, Memo } from '../../../sdk/src/offline/types.js';
import { userPoolAuth } from '../../../sdk/src/auth/providers.js';
import { createMemoClient } from '../../../sdk/src/core/client.js';
import { faultyFetch } from './helpers/faultyFetch.js';
import { useOfflineApi } from './helpers/offlineApi.js';

// Catch-up: what happened while the device was away arrives through memoChanges (subscriptions
// miss it), live events while it is here, and never anything of another user.
const dataDir = mkdtempSync(join(tmpdir(), 'memo-offline-catch-up-'));
const offline = useOfflineApi({ dataDir: () => dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** A client of alice's that is not the store's: "another device" writing directly. */
async function elsewhere() {
  const { session, client } = offline();
  return client(await session('alice'));
}

describe('catch-up', () => {
  it('shows an edit made elsewhere while the store was closed, although its event was missed', async () => {
    const { session, client, store: storeOf } = offline();
    const other = await elsewhere();
    const storage = memoryStorage();
    const first = storeOf(client(await session('alice')), storage, { live: false });
    await first.ready;
    const memo = await first.create({ content: 'made here' });
    const gone = await first.create({ content: 'deleted elsewhere' });
    await first.sync();
    await first.close();

    await other.request(UpdateMemoDocument, { input: { memoId: memo.memoId, content: 'changed elsewhere', expectedVersion: 1 } });
    await other.request(DeleteMemoDocument, { memoId: gone.memoId });
    const { data } = await other.request(CreateMemoDocument, { input: { content: 'created elsewhere' } });

    const again = storeOf(client(await session('alice')), storage);
    await again.ready;
    expect(again.get(memo.memoId)?.content).toBe('made here');
    await vi.waitFor(() => {
      expect(again.get(memo.memoId)).toMatchObject({ content: 'changed elsewhere', version: 2 });
      expect(again.get(gone.memoId)).toBeUndefined();
      expect(again.get(data!.createMemo.memoId)).toMatchObject({ content: 'created elsewhere' });
    });
  });

  it('hears live events once started, and applies each by version', async () => {
    const { session, client, store: storeOf } = offline();
    const other = await elsewhere();
    const store = storeOf(client(await session('alice')), memoryStorage());
    await store.ready;
    await vi.waitFor(() => expect(store.status()).toMatchObject({ online: true, syncing: false }));
    const { data } = await other.request(CreateMemoDocument, { input: { content: 'live' } });
    const memoId = data!.createMemo.memoId;
    await vi.waitFor(() => expect(store.get(memoId)).toMatchObject({ content: 'live' }));
    await other.request(UpdateMemoDocument, { input: { memoId, content: 'live, edited' } });
    await vi.waitFor(() => expect(store.get(memoId)).toMatchObject({ content: 'live, edited', version: 2 }));
    await other.request(DeleteMemoDocument, { memoId });
    await vi.waitFor(() => expect(store.get(memoId)).toBeUndefined());
  });

  it("never lets another user's memos into the replica", async () => {
    const { session, client, store: storeOf } = offline();
    const bob = client(await session('bob'));
    const store = storeOf(client(await session('alice')), memoryStorage());
    await store.ready;
    const mine = await store.create({ content: 'alice here' });
    await vi.waitFor(() => expect(store.status()).toMatchObject({ online: true, pending: 0, syncing: false }));
    const bobs: string[] = [];
    for (let i = 0; i < 3; i++)
      bobs.push((await bob.request(CreateMemoDocument, { input: { content: `bob ${i}` } })).data!.createMemo.memoId);
    // A memo of alice's made after bob's: once it is here, bob's events (sent before) had their chance.
    const other = await elsewhere();
    const after = (await other.request(CreateMemoDocument, { input: { content: 'alice after bob' } })).data!.createMemo;
    await vi.waitFor(() => expect(store.get(after.memoId)).toBeDefined());
    await store.sync();
    const owners = new Set(store.list().map((memo) => memo.ownerId));
    expect(owners).toEqual(new Set([store.get(mine.memoId)!.ownerId]));
    for (const memoId of bobs) expect(store.get(memoId)).toBeUndefined();
  });

  it('answers SyncExpired with a full sync that keeps the outbox and the conflicts', async () => {
    const { api, session, client, store: storeOf, serverMemos } = offline();
    const other = await elsewhere();
    const existing = (await other.request(CreateMemoDocument, { input: { content: 'on the server' } })).data!.createMemo;
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    const expired = await api.store.memoStore.memoChangesOf(existing.ownerId, 20, null, longAgo);
    const vanished: Memo = { ...existing, memoId: crypto.randomUUID(), content: 'deleted long ago, its tombstone gone' };
    const queued = crypto.randomUUID();
    const refused = {
      seq: 0,
      kind: 'update',
      memoId: existing.memoId,
      changes: { content: '' },
      base: existing,
      queuedAt: existing.createdAt,
    } as const;
    const kept: Conflict = {
      id: 'kept',
      kind: 'rejected',
      memoId: existing.memoId,
      mine: refused,
      theirs: existing,
      detectedAt: existing.createdAt,
    };
    const storage = memoryStorage({
      cursor: expired.cursor,
      memos: [vanished],
      outbox: [
        { seq: 1, kind: 'create', memoId: queued, input: { content: 'queued before the cursor expired' }, queuedAt: existing.createdAt },
      ],
      conflicts: [kept],
    });
    const network = faultyFetch();
    const store = storeOf(client(await session('alice'), network.fetch), storage, { live: false });
    await store.ready;
    await store.sync();
    const server = await serverMemos('alice');
    expect(store.status()).toMatchObject({ online: true, pending: 0, conflicts: [kept] });
    expect(new Set(store.list().map((memo) => memo.memoId))).toEqual(new Set(server.map((memo) => memo.memoId)));
    expect(store.get(vanished.memoId)).toBeUndefined();
    expect(server.filter((memo) => memo.memoId === queued)).toMatchObject([{ content: 'queued before the cursor expired' }]);
    const stored = await storage.load();
    expect(stored.cursor).not.toBe(expired.cursor);
  });

  it('refreshes a token that expired while offline before the first request of the drain', async () => {
    const { session, client, store: storeOf, serverMemos } = offline();
    const signedIn = await session('alice');
    const user = signedIn.current()!;
    // The stored session's ID token expired an hour ago (signed by the pool: only its expiry is wrong).
    const { kty, n, e, ...privateJwk } = JSON.parse(readFileSync(join(dataDir, 'local-auth', 'signing-key.json'), 'utf8')) as Record<
      string,
      string
    >;
    const key = (await importJWK({ kty, n, e, ...privateJwk }, 'RS256')) as CryptoKey;
    const now = Math.floor(Date.now() / 1000);
    const expiredToken = await new SignJWT({ ...decodeJwt(user.idToken), iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid! })
      .sign(key);
    // The server refuses it: a drain that sent it would fail.
    const stale = createMemoClient(offline().config, { auth: userPoolAuth(() => expiredToken) });
    await expect(stale.request(CreateMemoDocument, { input: { content: 'refused' } })).rejects.toMatchObject({ status: 401 });
    const resumed = await session('alice', { ...user, idToken: expiredToken, expiresAt: (now - 3600) * 1000 });
    const network = faultyFetch();
    const tokensSent: string[] = [];
    const recording: typeof fetch = (input, init) => {
      tokensSent.push(new Headers(init?.headers).get('authorization')!);
      return network.fetch(input, init);
    };
    network.online = false;
    const store = storeOf(client(resumed, recording), memoryStorage(), { live: false });
    await store.ready;
    const memo = await store.create({ content: 'written with an expired token' });
    network.online = true;
    tokensSent.length = 0;
    await store.sync();
    expect(store.status()).toMatchObject({ online: true, pending: 0 });
    expect(tokensSent.length).toBeGreaterThan(0);
    expect(tokensSent).not.toContain(expiredToken);
    expect(resumed.current()!.idToken).not.toBe(expiredToken);
    expect((await serverMemos('alice')).filter((each) => each.memoId === memo.memoId)).toHaveLength(1);
  });
});
