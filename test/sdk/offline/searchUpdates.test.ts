import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Memo, MemoSearch, OfflineMemoStore } from '../../../sdk/src/offline/types.js';
import { useOfflineApi } from './helpers/offlineApi.js';
import { aliceDevice } from './helpers/offlineDevice.js';

// The offline store's search follows every way its memos change: the device's own edits, a change
// another device made that the feed brings, a conflict and its settling. Each test searches for a
// word of its own (memos of earlier tests stay on the server), and watches what a search shows.
const offline = useOfflineApi();

const device = () => aliceDevice(offline);

/** A word no other test uses (letters and digits: one word to search). */
const uniqueWord = () => `w${randomUUID().replaceAll('-', '').slice(0, 10)}`;

/** Every result a watched search emitted, as title lists. */
function watchTitles(store: OfflineMemoStore, search: MemoSearch): { readonly emitted: (string | null | undefined)[][]; stop: () => void } {
  const emitted: (string | null | undefined)[][] = [];
  const stop = store.watch({ search }, (memos) => emitted.push(memos.map((memo) => memo.title)));
  return { emitted, stop };
}

const titles = (memos: readonly Memo[]) => memos.map((memo) => memo.title);

describe('the offline store search follows changes', () => {
  it("follows the device's creates, updates of title, content and tags, and deletes, and re-emits only when its result changes", async () => {
    const { store } = await device();
    const word = uniqueWord();
    const found = watchTitles(store, { query: word });
    const taggedSearch = { query: word.slice(0, 4), tags: [`${word}-tag`] };
    const tagged = watchTitles(store, taggedSearch);

    const a = await store.create({ title: 'a', content: `first ${word}` });
    const b = await store.create({ title: 'b', content: 'nothing to find' });
    await store.update(b.memoId, { title: `about ${word}` }); // found by its title now
    await store.update(b.memoId, { title: 'b' }); // and no more
    await store.update(b.memoId, { content: `now ${word}s everywhere` }); // found by a prefix of a content word
    const unrelated = await store.create({ title: 'c', content: 'elsewhere' });
    await store.update(unrelated.memoId, { content: 'still elsewhere' });
    await store.update(a.memoId, { tags: [`${word.toUpperCase()}-TAG`] }); // the tag, in another case: a found memo changed
    await store.update(a.memoId, { content: 'the word is gone' });
    await store.delete(b.memoId);

    // Nothing for the memo that never matched; again for a found memo that changed (its tags), with the same titles.
    expect(found.emitted).toEqual([[], ['a'], [`about ${word}`, 'a'], ['a'], ['b', 'a'], ['b', 'a'], ['b'], []]);
    expect(tagged.emitted).toEqual([[], ['a'], []]);
    expect(titles(store.search(taggedSearch))).toEqual([]);
    expect(titles(store.search({ tags: [`${word}-tag`] }))).toEqual(['a']);
    found.stop();
    tagged.stop();
  });

  it('follows changes another device made, once the feed brings them', async () => {
    const phone = await device();
    const laptop = await device();
    const word = uniqueWord();
    const kept = await phone.store.create({ title: 'kept', content: `${word} kept` });
    const edited = await phone.store.create({ title: 'edited', content: 'plain' });
    const dropped = await phone.store.create({ title: 'dropped', content: `${word} dropped` });
    await phone.store.sync();
    await laptop.store.sync();
    const found = watchTitles(laptop.store, { query: word });

    await phone.store.update(edited.memoId, { content: `${word} edited` });
    await phone.store.update(kept.memoId, { tags: ['other'] }); // changes a found memo, not what is found
    await phone.store.delete(dropped.memoId);
    await phone.store.create({ title: 'added', content: `added ${word}` });
    await phone.store.sync();
    expect(titles(laptop.store.search({ query: word }))).toEqual(['dropped', 'kept']);
    await laptop.store.sync();

    expect(titles(laptop.store.search({ query: word }))).toEqual(['added', 'edited', 'kept']);
    expect(titles(laptop.store.search({ query: word, tags: ['OTHER'] }))).toEqual(['kept']);
    expect(found.emitted).toEqual([
      ['dropped', 'kept'],
      ['added', 'edited', 'kept'],
    ]);
    found.stop();
  });

  it("shows the server's version of a memo in conflict, then the user's choice", async () => {
    const phone = await device();
    const laptop = await device();
    const [mine, theirs] = [uniqueWord(), uniqueWord()];
    const memo = await phone.store.create({ title: 'shared', content: 'before' });
    await phone.store.sync();
    await laptop.store.sync();
    laptop.network.online = false;
    await laptop.store.update(memo.memoId, { content: `laptop ${mine}` });
    expect(titles(laptop.store.search({ query: mine }))).toEqual(['shared']);
    await phone.store.update(memo.memoId, { content: `phone ${theirs}` });
    await phone.store.sync();

    laptop.network.online = true;
    await laptop.store.sync();
    const [conflict] = laptop.store.status().conflicts;
    expect(conflict).toMatchObject({ kind: 'changed', memoId: memo.memoId });
    expect(titles(laptop.store.search({ query: mine }))).toEqual([]);
    expect(titles(laptop.store.search({ query: theirs }))).toEqual(['shared']);

    await laptop.store.resolve(conflict!.id, 'mine');
    expect(titles(laptop.store.search({ query: mine }))).toEqual(['shared']);
    expect(titles(laptop.store.search({ query: theirs }))).toEqual([]);
    await laptop.store.sync();
    expect(laptop.store.status()).toMatchObject({ pending: 0, conflicts: [] });
    expect(titles(laptop.store.search({ query: `laptop ${mine}` }))).toEqual(['shared']);
  });
});
