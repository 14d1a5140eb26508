import { describe, expect, it } from 'vitest';
import { GetMemoDocument } from '../../../sdk/src/generated/operations.js';
import type { Memo, MemoChanges } from '../../../sdk/src/offline/types.js';
import { useOfflineApi } from './helpers/offlineApi.js';
import { aliceDevice, type Device } from './helpers/offlineDevice.js';

// Two devices of one user (two stores, storages of their own) edit one memo while offline: the
// first to reconnect wins, the second sees a conflict unless the edits touched different fields.
const offline = useOfflineApi();

const device = () => aliceDevice(offline);

/** A memo both devices hold, then both offline. */
async function sharedMemo(content = 'shared'): Promise<{ phone: Device; laptop: Device; memo: Memo }> {
  const phone = await device();
  const laptop = await device();
  const memo = await phone.store.create({ content, title: 'title' });
  await phone.store.sync();
  await laptop.store.sync();
  expect(laptop.store.get(memo.memoId)).toMatchObject({ content, version: 1 });
  phone.network.online = false;
  laptop.network.online = false;
  return { phone, laptop, memo };
}

async function bothEdit(phone: Device, laptop: Device, memo: Memo, phoneEdit: MemoChanges, laptopEdit: MemoChanges) {
  await phone.store.update(memo.memoId, phoneEdit);
  await laptop.store.update(memo.memoId, laptopEdit);
  phone.network.online = true;
  await phone.store.sync();
  laptop.network.online = true;
  await laptop.store.sync();
}

async function serverMemo(memoId: string): Promise<Memo | null> {
  const { session, client } = offline();
  const { data } = await client(await session('alice')).request(GetMemoDocument, { memoId });
  return data!.memo;
}

describe('two devices, one memo', () => {
  it('merges edits of different fields by itself: both kept, no conflict', async () => {
    const { phone, laptop, memo } = await sharedMemo();
    await bothEdit(phone, laptop, memo, { title: 'phone title' }, { content: 'laptop content' });
    expect(laptop.store.status()).toMatchObject({ pending: 0, conflicts: [] });
    expect(await serverMemo(memo.memoId)).toMatchObject({ title: 'phone title', content: 'laptop content', version: 3 });
    expect(laptop.store.get(memo.memoId)).toMatchObject({ title: 'phone title', content: 'laptop content', version: 3 });
  });

  it.for(['mine', 'theirs'] as const)(
    'makes edits of one field a changed conflict, settled by the user as %s, nothing lost',
    async (choice) => {
      const { phone, laptop, memo } = await sharedMemo();
      await bothEdit(phone, laptop, memo, { content: 'phone wins the race' }, { content: 'laptop came second' });
      const [conflict] = laptop.store.status().conflicts;
      expect(conflict).toMatchObject({
        kind: 'changed',
        memoId: memo.memoId,
        mine: { kind: 'update', changes: { content: 'laptop came second' }, base: { version: 1 } },
        theirs: { content: 'phone wins the race', version: 2 },
        error: { errorType: 'VersionConflict' },
      });
      expect(laptop.store.status().pending).toBe(0);
      // Until the user decides, the device shows the server's memo and the conflict keeps theirs and mine.
      expect(laptop.store.get(memo.memoId)).toMatchObject({ content: 'phone wins the race' });

      await laptop.store.resolve(conflict!.id, choice);
      await laptop.store.sync();
      const content = choice === 'mine' ? 'laptop came second' : 'phone wins the race';
      expect(laptop.store.status()).toMatchObject({ pending: 0, conflicts: [] });
      expect(await serverMemo(memo.memoId)).toMatchObject({ content, version: choice === 'mine' ? 3 : 2 });
      expect(laptop.store.get(memo.memoId)).toMatchObject({ content });
      await phone.store.sync();
      expect(phone.store.get(memo.memoId)).toMatchObject({ content });
    },
  );

  it('makes an update of a memo deleted elsewhere a deleted conflict; keeping mine creates it anew under a new id', async () => {
    const { phone, laptop, memo } = await sharedMemo('deleted on the phone');
    await phone.store.delete(memo.memoId);
    await laptop.store.update(memo.memoId, { content: 'edited on the laptop' });
    phone.network.online = true;
    await phone.store.sync();
    laptop.network.online = true;
    await laptop.store.sync();
    const [conflict] = laptop.store.status().conflicts;
    expect(conflict).toMatchObject({ kind: 'deleted', memoId: memo.memoId, theirs: null, error: { errorType: 'MemoNotFound' } });
    expect(laptop.store.get(memo.memoId)).toBeUndefined();

    await laptop.store.resolve(conflict!.id, 'mine');
    await laptop.store.sync();
    const [revived, ...others] = laptop.store.list().filter((each) => each.content === 'edited on the laptop');
    expect(others).toEqual([]);
    expect(revived!.memoId).not.toBe(memo.memoId);
    expect(await serverMemo(revived!.memoId)).toMatchObject({ content: 'edited on the laptop', title: 'title', version: 1 });
    expect(await serverMemo(memo.memoId)).toBeNull();
  });

  it('makes a delete of a memo changed elsewhere a changed conflict; keeping mine deletes it at their version', async () => {
    const { phone, laptop, memo } = await sharedMemo('changed on the phone');
    await phone.store.update(memo.memoId, { content: 'phone edit' });
    await laptop.store.delete(memo.memoId);
    phone.network.online = true;
    await phone.store.sync();
    laptop.network.online = true;
    await laptop.store.sync();
    const [conflict] = laptop.store.status().conflicts;
    expect(conflict).toMatchObject({ kind: 'changed', mine: { kind: 'delete' }, theirs: { content: 'phone edit', version: 2 } });
    expect(await serverMemo(memo.memoId)).toMatchObject({ content: 'phone edit' });

    await laptop.store.resolve(conflict!.id, 'mine');
    await laptop.store.sync();
    expect(laptop.store.status()).toMatchObject({ pending: 0, conflicts: [] });
    expect(await serverMemo(memo.memoId)).toBeNull();
    expect(laptop.store.get(memo.memoId)).toBeUndefined();
  });

  it('sends later edits of a memo in conflict only after the conflict is settled, on the version it leaves', async () => {
    const { phone, laptop, memo } = await sharedMemo();
    await bothEdit(phone, laptop, memo, { content: 'phone' }, { content: 'laptop' });
    const [conflict] = laptop.store.status().conflicts;
    await laptop.store.update(memo.memoId, { tags: ['later'] });
    await laptop.store.sync();
    expect(laptop.store.status().pending).toBe(1);
    expect(await serverMemo(memo.memoId)).toMatchObject({ tags: [], version: 2 });

    await laptop.store.resolve(conflict!.id, 'theirs');
    await laptop.store.sync();
    expect(laptop.store.status()).toMatchObject({ pending: 0, conflicts: [] });
    expect(await serverMemo(memo.memoId)).toMatchObject({ content: 'phone', tags: ['later'], version: 3 });
  });
});
