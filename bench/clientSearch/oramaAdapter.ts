import { create, insert, remove, search, update } from '@orama/orama';
import { searchWords, tagKey } from '../resolverSeam.js';
import type { ClientSearchAdapter, IndexedMemo, SearchRequest } from './clientSearchAdapter.js';

const SCHEMA = { text: 'string', tagKeys: 'enum[]', createdAtMs: 'number' } as const;

/**
 * Orama with the shared tokenizer as its tokenizer component, threshold 0 (every term required),
 * no typo tolerance, sorted by creation time, the tags as a `containsAll` filter. Orama matches
 * every term as a prefix or every term exactly (`exact`), never the last one only: it runs with
 * prefixes, which a search typed letter by letter needs.
 */
export function createAdapter(): ClientSearchAdapter {
  let db = newDb();
  let count = 0;
  const toDocument = (memo: IndexedMemo) => ({
    id: memo.id,
    text: `${memo.title ?? ''}\n${memo.content}`,
    tagKeys: memo.tags.map(tagKey),
    createdAtMs: Date.parse(memo.createdAt),
  });
  return {
    build(memos) {
      db = newDb();
      for (const memo of memos) {
        // Orama inserts synchronously unless a hook is async (none here): a promise would mean an index not yet built.
        if (typeof insert(db, toDocument(memo)) !== 'string') throw new Error('Orama inserted asynchronously');
      }
      count = memos.length;
    },
    async search({ query, tags }: SearchRequest) {
      const tagKeys = tags.map(tagKey);
      const results = await search(db, {
        term: searchWords(query).join(' '),
        properties: ['text'],
        threshold: 0,
        tolerance: 0,
        limit: Math.max(1, count),
        sortBy: { property: 'createdAtMs', order: 'DESC' },
        ...(tagKeys.length > 0 && { where: { tagKeys: { containsAll: tagKeys } } }),
      });
      return results.hits.map((hit) => hit.id);
    },
    async replace(memo) {
      await update(db, memo.id, toDocument(memo));
    },
    async remove(id) {
      if (await remove(db, id)) count--;
    },
  };
}

function newDb() {
  return create({
    schema: SCHEMA,
    components: { tokenizer: { language: 'english', normalizationCache: new Map(), tokenize: (raw: string) => searchWords(raw) } },
  });
}
