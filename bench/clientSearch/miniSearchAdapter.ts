import MiniSearch from 'minisearch';
import { searchWords, tagKey } from '../resolverSeam.js';
import { newestFirst, type ClientSearchAdapter, type IndexedMemo, type SearchRequest } from './clientSearchAdapter.js';

interface Stored {
  id: string;
  createdAt: string;
  tagKeys: readonly string[];
}

/**
 * MiniSearch with the shared tokenizer (searchWords, terms kept as it gives them), every query
 * word required (AND), a prefix match for the last word only (its `prefix` callback sees each
 * term's position), and the tags as a filter on the stored tag keys (a tags-only search is its
 * wildcard query under that filter).
 */
export function createAdapter(): ClientSearchAdapter {
  let index = newIndex();
  const toDocument = (memo: IndexedMemo) => ({ ...memo, tagKeys: memo.tags.map(tagKey) });
  return {
    build(memos) {
      index = newIndex();
      index.addAll(memos.map(toDocument));
    },
    search({ query, tags }: SearchRequest) {
      const tagKeys = tags.map(tagKey);
      const filter = tagKeys.length > 0 ? (hit: Stored) => tagKeys.every((key) => hit.tagKeys.includes(key)) : undefined;
      const words = searchWords(query);
      const hits = index.search(words.length > 0 ? query : MiniSearch.wildcard, {
        combineWith: 'AND',
        prefix: (_term, i, terms) => i === terms.length - 1,
        ...(filter && { filter: (hit) => filter(hit as unknown as Stored) }),
      }) as unknown as Stored[];
      return hits.sort(newestFirst).map((hit) => hit.id);
    },
    replace(memo) {
      index.replace(toDocument(memo));
    },
    remove(id) {
      index.discard(id);
    },
  };
}

function newIndex() {
  return new MiniSearch<IndexedMemo & { tagKeys: string[] }>({
    fields: ['title', 'content'],
    storeFields: ['createdAt', 'tagKeys'],
    tokenize: searchWords,
    processTerm: (term) => term,
  });
}
