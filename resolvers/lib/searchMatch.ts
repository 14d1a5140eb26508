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

/** Letters and digits of any script: everything else (spaces, punctuation, symbols) separates words. */
const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARK = /\p{M}/gu;

/**
 * The words of a text as search compares them: lower-cased, decomposed (NFKD: "ﬁ" is "fi", "²" is
 * "2") and stripped of combining marks ("Café" is "cafe"), then split into runs of letters and
 * digits. Lower-casing first: "İ" lower-cases to "i" plus a combining dot, which is then dropped.
 */
export function searchWords(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(COMBINING_MARK, '').match(WORD) ?? [];
}

/** Whether a search with no words and no tags: every memo matches, in listMemos' order. */
export function matchesEverything(filter: SearchFilter): boolean {
  return filter.words.length === 0 && filter.tagKeys.length === 0;
}

/**
 * Whether a memo matches: it carries every tag of the filter (tagKeys compared with the memo's
 * own tags' keys, so case is ignored as for stored tags), and every query word is a word of its title or content, the last query word
 * as a prefix ("meet" finds "meeting") so that a search typed letter by letter finds as it goes.
 */
export function memoMatches(
  filter: SearchFilter,
  memo: { readonly title?: string | null; readonly content: string; readonly tags: readonly string[] },
): boolean {
  if (filter.tagKeys.length > 0) {
    const carried = new Set(memo.tags.map(tagKey));
    if (!filter.tagKeys.every((key) => carried.has(key))) return false;
  }
  if (filter.words.length === 0) return true;
  const memoWords = new Set([...searchWords(memo.title ?? ''), ...searchWords(memo.content)]);
  const whole = filter.words.slice(0, -1);
  const prefix = filter.words.at(-1)!;
  if (!whole.every((word) => memoWords.has(word))) return false;
  if (memoWords.has(prefix)) return true;
  for (const word of memoWords) if (word.startsWith(prefix)) return true;
  return false;
}
