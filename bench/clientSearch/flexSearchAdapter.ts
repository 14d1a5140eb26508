import FlexSearch from 'flexsearch';
import { searchWords, tagKey } from '../resolverSeam.js';
import { newestFirst, type ClientSearchAdapter, type IndexedMemo, type SearchRequest } from './clientSearchAdapter.js';

/** Joins a memo's tag keys into one field: a tag key may hold spaces, never this control character. */
const TAG_SEPARATOR = '\u001f';

interface FlexDocument {
  [field: string]: string;
  id: string;
  /** Title and content, whole words (FlexSearch's "strict" tokenizer). */
  words: string;
  /** The same text again, every prefix of every word ("forward"). */
  prefixes: string;
  tagKeys: string;
}

/**
 * FlexSearch 0.8's Document index with the shared tokenizer as its encoder. It has no prefix match
 * for the last word only, so the text is indexed twice, whole words and forward prefixes, and a
 * search ANDs (its Resolver) the words before the last on the first with the last on the second.
 * Its tag filter ORs several tags, so each tag key is a term of a third field, ANDed the same way.
 * It does not keep an order by date: newest first is sorted here.
 */
export function createAdapter(): ClientSearchAdapter {
  let index = newIndex();
  const createdAt = new Map<string, string>();
  const toDocument = (memo: IndexedMemo): FlexDocument => {
    const text = `${memo.title ?? ''}\n${memo.content}`;
    return { id: memo.id, words: text, prefixes: text, tagKeys: memo.tags.map(tagKey).join(TAG_SEPARATOR) };
  };
  const sorted = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => ({ id, createdAt: createdAt.get(id)! }))
      .sort(newestFirst)
      .map((memo) => memo.id);
  return {
    build(memos) {
      index = newIndex();
      createdAt.clear();
      for (const memo of memos) {
        index.add(toDocument(memo));
        createdAt.set(memo.id, memo.createdAt);
      }
    },
    search({ query, tags }: SearchRequest) {
      const words = searchWords(query);
      const clauses = [
        ...(words.length > 1 ? [{ field: 'words', query: words.slice(0, -1).join(' ') }] : []),
        ...(words.length > 0 ? [{ field: 'prefixes', query: words.at(-1)! }] : []),
        ...tags.map((tag) => ({ field: 'tagKeys', query: tagKey(tag) })),
      ];
      if (clauses.length === 0) return sorted(createdAt.keys());
      const [first, ...rest] = clauses.map((clause) => ({ index, ...clause }));
      let resolver = new FlexSearch.Resolver(first);
      for (const clause of rest) resolver = resolver.and(clause);
      return sorted(resolver.resolve({ limit: Math.max(1, createdAt.size) }) as string[]);
    },
    replace(memo) {
      index.update(toDocument(memo));
      createdAt.set(memo.id, memo.createdAt);
    },
    remove(id) {
      index.remove(id);
      createdAt.delete(id);
    },
  };
}

function newIndex() {
  const encode = (text: string) => searchWords(text);
  return new FlexSearch.Document<FlexDocument>({
    // Keeps each id's entries so an edit or a removal touches them only, instead of scanning the whole index.
    fastupdate: true,
    document: {
      id: 'id',
      index: [
        { field: 'words', tokenize: 'strict', encode },
        { field: 'prefixes', tokenize: 'forward', encode },
        { field: 'tagKeys', tokenize: 'strict', encode: (keys: string) => keys.split(TAG_SEPARATOR).filter(Boolean) },
      ],
    },
  });
}
