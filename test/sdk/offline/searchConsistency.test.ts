import { describe, expect, it } from 'vitest';
import { memoMatches, searchFilter } from '../../../sdk/src/generated/searchMatch.js';
import { LocalReplica } from '../../../sdk/src/offline/localReplica.js';
import { memoryStorage } from '../../../sdk/src/offline/memoryStorage.js';
import type { Memo, MemoSearch, OutboxEntry, StorageBatch } from '../../../sdk/src/offline/types.js';
import { seededRandom } from '../../../bench/seededRandom.js';
import { sortedMemos, visibleMemos } from '../../../sdk/src/offline/visibleMemos.js';

// The search index against the plain rule: thousands of memos from a seeded generator, hundreds of
// random changes of every kind the replica sees (server puts and deletes, pending creates, updates
// and deletes, edits acknowledged, equal copies), and after each batch every search answers exactly
// what filtering every memo with the shared memoMatches answers, in the same order. The replica
// patches its visible memos and their order at each change (VisibleView): after every change they
// equal a rebuild from the whole state.

// Words that share prefixes, differ only by case, accent or compatibility form, or split on punctuation.
const VOCABULARY = [
  'meeting',
  'meet',
  'Meet',
  'MEETINGS',
  'café',
  'Cafe',
  'cafeteria',
  'résumé',
  'resume',
  'ﬁle',
  'file',
  'ＦＩＬＥ',
  'files',
  'İstanbul',
  'istanbul',
  'budget',
  '2026',
  '20',
  'e-mail',
  'email',
  'Ana',
  'ana',
  'plan',
  'planning',
  'plane',
  'roadmap',
  'xylophone',
  'Καλημέρα',
  'ΟΔΟΣ',
  'œuvre',
  'naïve',
  'naive',
  'ﬂour',
  'flour',
  '🎉',
  'x',
  '㎆',
];
const TAGS = ['Work', 'work', 'WORK', 'home', 'Urgent', 'travel', ' spaced tag ', 'Café'];
const SEPARATORS = [' ', ' ', ', ', '-', '\n', '. '];

const SEARCHES: readonly MemoSearch[] = [
  ...[
    'm',
    'me',
    'mee',
    'meeting',
    'caf',
    'cafe',
    'fi',
    'fil',
    'is',
    '2',
    '20',
    'x',
    'κα',
    'οδος',
    'oeu',
    'naiv',
    'fl',
    'zzz',
    'mb',
    '㎆',
  ].map((query) => ({ query })),
  ...['meet ana', 'budget 20', 'cafe m', 'file fl', 'e mail', 'plan plane', '"Meet," ANA…', 'résumé r', '🎉 x'].map((query) => ({ query })),
  { tags: ['work'] },
  { tags: ['WORK', 'urgent'] },
  { tags: ['spaced tag'] },
  { tags: ['café'] },
  { tags: ['nobody'] },
  { query: 'pl', tags: ['home'] },
  { query: 'meet f', tags: ['Work'] },
  {},
  { query: ' ?! ' },
];

describe('the search index agrees with filtering every memo by memoMatches', () => {
  it('over 2,000 memos and 400 random changes of every kind, checked after each batch', async () => {
    const random = seededRandom(2020);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const words = (min: number, max: number) =>
      Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(VOCABULARY) + pick(SEPARATORS)).join('');
    const fields = () => ({
      title: random() < 0.2 ? null : words(1, 3),
      content: words(3, 12),
      tags: Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS)),
    });
    let clock = Date.UTC(2026, 0, 1);
    let next = 0;
    const time = () => new Date((clock += 1 + Math.floor(random() * 3))).toISOString();
    const serverMemo = (): Memo => {
      const at = time();
      return { memoId: `m${String(next++).padStart(5, '0')}`, ownerId: 'owner', ...fields(), createdAt: at, updatedAt: at, version: 1 };
    };

    const replica = new LocalReplica(memoryStorage());
    await replica.reload();
    const apply = (batch: StorageBatch) => replica.mutate(() => ({ batch, result: undefined }));
    await apply({ putMemos: Array.from({ length: 2000 }, serverMemo), cursor: 'c' });

    let seq = 0;
    let nonEmpty = 0;
    const check = (searches: readonly MemoSearch[]) => {
      for (const search of searches) {
        const filter = searchFilter(search.query, search.tags);
        const expected = replica.list().filter((memo) => memoMatches(filter, memo));
        expect(
          replica.search(search).map((memo) => memo.memoId),
          JSON.stringify(search),
        ).toEqual(expected.map((memo) => memo.memoId));
        if (expected.length > 0 && expected.length < replica.list().length) nonEmpty++;
      }
    };
    check(SEARCHES);

    // A change of each kind the replica sees, at random: what the feed brings, what the user does, what a drain settles.
    const changes: (() => StorageBatch | undefined)[] = [
      () => ({ putMemos: [serverMemo()] }),
      () => {
        const memo = pick([...replica.current().memos.values()]);
        return { putMemos: [{ ...memo, ...fields(), version: memo.version + 1, updatedAt: time() }] };
      },
      () => ({ putMemos: [{ ...pick([...replica.current().memos.values()]) }] }), // an equal copy (a reload reads new objects)
      () => ({ deleteMemos: [pick([...replica.current().memos.values()]).memoId] }),
      () => ({ putOutbox: [{ seq: ++seq, kind: 'create', memoId: `p${seq}`, input: fields(), queuedAt: time() } satisfies OutboxEntry] }),
      () => {
        const base = pick([...replica.current().memos.values()]);
        const { title, content, tags } = fields();
        const changes = pick([{ title }, { content }, { tags }, { title, content, tags }]);
        return { putOutbox: [{ seq: ++seq, kind: 'update', memoId: base.memoId, changes, base, queuedAt: time() } satisfies OutboxEntry] };
      },
      () => {
        const base = pick([...replica.current().memos.values()]);
        return { putOutbox: [{ seq: ++seq, kind: 'delete', memoId: base.memoId, base, queuedAt: time() } satisfies OutboxEntry] };
      },
      () => {
        const outbox = [...replica.current().outbox.keys()];
        return outbox.length ? { deleteOutbox: [pick(outbox)] } : undefined;
      },
      () => {
        // A drain settles an edit: the entry leaves the outbox and the server's copy arrives in the same batch
        // (a pending create's server copy has the server's createdAt, so the memo moves in the list).
        const outbox = [...replica.current().outbox.values()];
        if (outbox.length === 0) return undefined;
        const entry = pick(outbox);
        const stored = replica.current().memos.get(entry.memoId);
        if (entry.kind === 'delete') return { deleteOutbox: [entry.seq], deleteMemos: [entry.memoId] };
        const at = time();
        const confirmed = stored
          ? { ...stored, ...fields(), version: stored.version + 1, updatedAt: at }
          : { memoId: entry.memoId, ownerId: 'owner', ...fields(), createdAt: at, updatedAt: at, version: 1 };
        return { deleteOutbox: [entry.seq], putMemos: [confirmed] };
      },
    ];
    const sameAsRebuilt = () => {
      const rebuilt = sortedMemos(visibleMemos(replica.current(), replica.ownerId));
      expect(replica.list()).toEqual(rebuilt);
      expect([...replica.visibleMap().keys()].sort()).toEqual(rebuilt.map((memo) => memo.memoId).sort());
    };
    for (let batch = 0; batch < 8; batch++) {
      for (let change = 0; change < 50; change++) {
        const made = pick(changes)();
        if (made) await apply(made);
        sameAsRebuilt();
        if (change === 0) check(SEARCHES.filter((_, i) => i % 5 === batch % 5)); // between two single changes, too
      }
      check([...SEARCHES, ...Array.from({ length: 6 }, () => ({ query: words(1, 2).slice(0, 1 + Math.floor(random() * 8)) }))]);
    }
    expect(replica.current().outbox.size).toBeGreaterThan(0);
    expect(nonEmpty).toBeGreaterThan(SEARCHES.length * 6);
  });
});
