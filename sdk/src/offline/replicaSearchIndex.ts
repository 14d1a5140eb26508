import MiniSearch from 'minisearch';
import { tagKey } from '../generated/memoRules.js';
import { matchesEverything, memoMatches, searchWords, type SearchableMemo, type SearchFilter } from '../generated/searchMatch.js';
import type { Memo } from './types.js';
import type { TouchedMemos } from './visibleView.js';

/** What the full-text index holds of a memo: its title and content, read as one text. */
interface IndexedText {
  readonly id: string;
  readonly text: string;
}

/** A memo as indexed, and the view of it that memoMatches confirms a candidate on (matchView). */
interface Entry {
  readonly memo: Memo;
  readonly view: SearchableMemo;
}

/**
 * The offline store's search index over the visible memos: words in a MiniSearch index (the one
 * module that knows the library), tags in a map beside it. Kept in step by `update`, which looks
 * at the memos a change touched (all of them only after a rebuild) and re-indexes only what changed.
 *
 * The index proposes candidates; every candidate is then confirmed with the shared memoMatches,
 * the server's own function (on a view of the memo with the same words, matchView), so a memo
 * found here is one searchMemos would find: the same rules as the server hold by construction,
 * whatever the library does. The index can only miss a memo
 * if the library misses a term searchWords gave it, which the consistency test
 * (test/sdk/offline/searchConsistency.test.ts) checks against the linear filter.
 */
export class ReplicaSearchIndex {
  private readonly words = new MiniSearch<IndexedText>({
    fields: ['text'],
    // The shared tokenizer, with nothing else done to its words: MiniSearch's own lower-casing
    // and splitting would disagree with the server's rules.
    tokenize: searchWords,
    processTerm: (term) => term,
    searchOptions: {
      // The query arrives as searchWords' words joined by spaces (a word holds none): split, never re-normalised.
      tokenize: (query) => query.split(' '),
      processTerm: (term) => term,
      combineWith: 'AND',
      prefix: (_term, index, terms) => index === terms.length - 1,
    },
  });
  /** tagKey → the ids of the memos carrying that tag. */
  private readonly tagged = new Map<string, Set<string>>();
  /** memoId → the memo as indexed (object identity says whether it changed) and its view. */
  private readonly indexed = new Map<string, Entry>();

  /**
   * Brings the index to `visible`, looking only at the memos in `due` (those whose memo may have
   * changed since the last update; 'all' diffs every one): adds, replaces and discards only the
   * memos whose object changed.
   */
  update(visible: ReadonlyMap<string, Memo>, due: TouchedMemos): void {
    if (due !== 'all') {
      for (const memoId of due) this.updateOne(memoId, visible.get(memoId));
      return;
    }
    for (const [memoId, memo] of visible) this.updateOne(memoId, memo);
    for (const memoId of [...this.indexed.keys()]) if (!visible.has(memoId)) this.updateOne(memoId, undefined);
  }

  private updateOne(memoId: string, memo: Memo | undefined): void {
    const entry = this.indexed.get(memoId);
    const before = entry?.memo;
    if (before === memo) return;
    if (!memo) {
      this.indexed.delete(memoId);
      this.words.discard(memoId);
      this.untag(before!);
      return;
    }
    // A pending create or update is rebuilt on every change (visibleMemos): re-index only when its words or tags changed.
    if (entry && before && before.title === memo.title && before.content === memo.content && sameTags(before.tags, memo.tags)) {
      this.indexed.set(memoId, { memo, view: entry.view });
      return;
    }
    const view = matchView(memo);
    this.indexed.set(memoId, { memo, view });
    // A line break between title and content: searchWords finds the words of each, never one across both.
    const text = { id: memoId, text: `${view.title ?? ''}\n${view.content}` };
    if (before) {
      this.words.replace(text);
      this.untag(before);
    } else {
      this.words.add(text);
    }
    for (const tag of memo.tags) {
      const key = tagKey(tag);
      const ids = this.tagged.get(key) ?? new Set<string>();
      this.tagged.set(key, ids.add(memoId));
    }
  }

  /**
   * The memos of `ordered` (the visible memos, newest first, as indexed by the last `update`)
   * that `filter` finds, in that order.
   */
  search(filter: SearchFilter, ordered: () => readonly Memo[]): readonly Memo[] {
    if (matchesEverything(filter)) return ordered();
    let candidates = this.taggedWithAll(filter.tagKeys);
    if (filter.words.length > 0) {
      const tagged = candidates;
      const found = this.words.search(filter.words.join(' '), tagged ? { filter: (result) => tagged.has(result.id as string) } : {});
      candidates = new Set(found.map((result) => result.id as string));
    }
    if (!candidates || candidates.size === 0) return [];
    const hits = candidates;
    return ordered().filter((memo) => hits.has(memo.memoId) && memoMatches(filter, this.indexed.get(memo.memoId)!.view));
  }

  /** The ids of the memos carrying every tag (undefined: no tag asked for). */
  private taggedWithAll(tagKeys: readonly string[]): ReadonlySet<string> | undefined {
    if (tagKeys.length === 0) return undefined;
    const sets = tagKeys.map((key) => this.tagged.get(key) ?? new Set<string>()).sort((a, b) => a.size - b.size);
    const [smallest, ...others] = sets;
    return new Set([...smallest!].filter((memoId) => others.every((ids) => ids.has(memoId))));
  }

  private untag(memo: Memo): void {
    for (const tag of memo.tags) {
      const key = tagKey(tag);
      const ids = this.tagged.get(key);
      ids?.delete(memo.memoId);
      if (ids?.size === 0) this.tagged.delete(key);
    }
  }
}

/**
 * The view memoMatches confirms a memo on: its distinct words (searchWords of title and content)
 * as its content, and its tags. memoMatches answers from those alone (each query word is one of
 * the memo's words, the last a prefix of one; every tag carried), so it answers the same on the
 * view as on the memo, reading a few words instead of up to 64 KB that would be normalised again
 * at each search. That holds when searchWords reads the words back as they are, which is checked:
 * where it would not ("㎆" reads "MB", which reads "mb") the memo itself is kept.
 */
function matchView(memo: Memo): SearchableMemo {
  const words = [...new Set([...searchWords(memo.title ?? ''), ...searchWords(memo.content)])];
  const content = words.join(' ');
  const reread = searchWords(content);
  if (reread.length !== words.length || reread.some((word, i) => word !== words[i])) return memo;
  return { title: null, content, tags: memo.tags };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}
