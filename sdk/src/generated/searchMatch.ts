// Copied from resolvers/lib/searchMatch.ts by graphql-codegen. Do not edit: change the original and run `npm run codegen`.
import { tagKey } from './memoRules.js';

/**
 * The matching rules of searchMemos, free of I/O and of dependencies but memoRules.ts (whose tag
 * rule they use), so a client searching its own replica can apply exactly the same ones.
 */

/** What a search asks for, normalised: query words in order, and tag keys (tagKey) to carry. */
export interface SearchFilter {
  readonly words: readonly string[];
  readonly tagKeys: readonly string[];
}

/** The fields of a memo a search reads. */
export interface SearchableMemo {
  readonly title?: string | null;
  readonly content: string;
  readonly tags: readonly string[];
}

/** A filter made ready to test memo after memo (memoMatcher): the same answer as memoMatches, for less work per memo. */
export type MemoMatcher = (memo: SearchableMemo) => boolean;

/** Letters and digits of any script: everything else (spaces, punctuation, symbols) separates words. */
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const COMBINING_MARK = /\p{M}/gu;
const NOT_ASCII = /[^\0-\x7f]/;

/**
 * A text as search compares it: lower-cased, decomposed (NFKD: "ﬁ" is "fi", "²" is "2") and
 * stripped of combining marks ("Café" is "cafe"). Lower-casing first: "İ" lower-cases to "i" plus
 * a combining dot, which is then dropped; and again after NFKD, which turns some symbols into
 * capitals ("㎆" is "MB", "℡" is "TEL"). Plain ASCII has nothing to decompose or strip, so it is
 * only lower-cased: the same string, without NFKD's cost.
 */
export function searchText(text: string): string {
  const lower = text.toLowerCase();
  return NOT_ASCII.test(lower) ? lower.normalize('NFKD').replace(COMBINING_MARK, '').toLowerCase() : lower;
}

/** The words of a text as search compares them: searchText split into runs of letters and digits. */
export function searchWords(text: string): string[] {
  return searchText(text).match(WORD) ?? [];
}

/**
 * A search's filter from its query and tags as given, without searchMemos' limits (parseSearch
 * checks those first): the query's words (searchWords) and each tag's key (tagKey).
 *
 * @example
 * searchFilter('Café meet', ['Work']); // { words: ['cafe', 'meet'], tagKeys: ['work'] }
 */
export function searchFilter(query?: string | null, tags?: readonly string[] | null): SearchFilter {
  return { words: searchWords(query ?? ''), tagKeys: (tags ?? []).map(tagKey) };
}

/** Whether a search with no words and no tags: every memo matches, in listMemos' order. */
export function matchesEverything(filter: SearchFilter): boolean {
  return filter.words.length === 0 && filter.tagKeys.length === 0;
}

/**
 * Whether a memo matches: it carries every tag of the filter (tagKeys compared with the memo's
 * own tags' keys, so case is ignored as for stored tags), and every query word is a word of its
 * title or content, the last query word as a prefix ("meet" finds "meeting") so that a search
 * typed letter by letter finds as it goes. Testing many memos against one filter, memoMatcher
 * does the filter's share of the work once.
 */
export function memoMatches(filter: SearchFilter, memo: SearchableMemo): boolean {
  let matcher = matchers.get(filter);
  if (!matcher) matchers.set(filter, (matcher = memoMatcher(filter)));
  return matcher(memo);
}

const matchers = new WeakMap<SearchFilter, MemoMatcher>();

/**
 * memoMatches for one filter, ready for many memos. It never splits a memo into words: a query
 * word is a word of a text exactly when it occurs in the text's searchText with no letter or digit
 * just before it and (but for the last, a prefix) none just after, so each word is one substring
 * search (most memos fail at the first) plus a look at the characters around each hit.
 *
 * @example
 * const matches = memoMatcher(searchFilter('meet'));
 * matches({ title: 'Meeting notes', content: '…', tags: [] }); // true
 */
export function memoMatcher(filter: SearchFilter): MemoMatcher {
  const tagKeys = [...filter.tagKeys];
  const words = filter.words.map((word, i) => ({ word, whole: i < filter.words.length - 1 }));
  return (memo) => {
    if (tagKeys.length > 0) {
      const carried = memo.tags.map(tagKey);
      for (const key of tagKeys) if (!carried.includes(key)) return false;
    }
    if (words.length === 0) return true;
    const title = searchText(memo.title ?? '');
    let content: string | undefined;
    for (const { word, whole } of words)
      if (!hasWord(title, word, whole) && !hasWord((content ??= searchText(memo.content)), word, whole)) return false;
    return true;
  };
}

/** Whether `word` occurs in `text` (a searchText) as a whole word, or, not `whole`, at a word's start. */
function hasWord(text: string, word: string, whole: boolean): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (at > 0 && isWordChar(codePointBefore(text, at))) continue;
    const end = at + word.length;
    if (whole && end < text.length && isWordChar(text.codePointAt(end)!)) continue;
    return true;
  }
  return false;
}

/** The code point that ends just before `at` (a surrogate pair read whole). */
function codePointBefore(text: string, at: number): number {
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

/** A letter or digit of any script (WORD's characters); ASCII decided without a regular expression. */
function isWordChar(codePoint: number): boolean {
  if (codePoint < 0x80)
    return (codePoint >= 0x61 && codePoint <= 0x7a) || (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x41 && codePoint <= 0x5a);
  return WORD_CHAR.test(String.fromCodePoint(codePoint));
}
