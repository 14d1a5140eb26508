import { searchFilter } from '../generated/searchMatch.js';
import type { MemoSearch } from './types.js';

/** Where a match is in a text: UTF-16 offsets into the text as given, `end` excluded (as `slice` takes them). */
export interface MatchRange {
  readonly start: number;
  readonly end: number;
}

/** A word of a text as searchWords finds it, and where it is in the original text. */
export interface TextWord {
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** Where the word's first `length` normalised characters end in the original, when that falls between characters there. */
  prefixEnd(length: number): number | undefined;
}

// searchWords' own patterns (sdk/src/generated/searchMatch.ts): the same steps, taken one code point at a time.
const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARK = /\p{M}/gu;

/**
 * The words of `text` as searchWords finds them (same words, same order), each with its place in
 * the original text. searchWords lower-cases, decomposes (NFKD) and strips marks from the whole
 * text; here each code point is taken alone, with its lower case read from the whole text's (the
 * one rule that depends on context, a final "Σ", gives one character either way). A code point
 * that leaves nothing (a combining mark) belongs to the word before it.
 */
export function textWords(text: string): TextWord[] {
  const lower = text.toLowerCase();
  const starts: number[] = []; // per code point: its offset in the text
  const ends: number[] = []; // per code point: its end in the normalised text
  const owner: number[] = []; // per normalised character: the code point it comes from
  let normalised = '';
  let offset = 0;
  let lowerOffset = 0;
  for (const char of text) {
    const lowered = char.toLowerCase();
    const inContext = lower.slice(lowerOffset, lowerOffset + lowered.length);
    lowerOffset += lowered.length;
    const part = (inContext.length === lowered.length ? inContext : lowered).normalize('NFKD').replace(COMBINING_MARK, '').toLowerCase();
    for (let i = 0; i < part.length; i++) owner.push(starts.length);
    normalised += part;
    starts.push(offset);
    ends.push(normalised.length);
    offset += char.length;
  }
  starts.push(offset);
  // The end of code point `index` in the text, with the marks that follow it.
  const endAfter = (index: number): number => {
    let next = index + 1;
    while (next < ends.length && ends[next] === ends[index]) next++;
    return starts[next]!;
  };
  return [...normalised.matchAll(WORD)].map((match) => {
    const first = match.index;
    const last = first + match[0].length - 1;
    return {
      word: match[0],
      start: starts[owner[first]!]!,
      end: endAfter(owner[last]!),
      prefixEnd: (length: number) => {
        const point = owner[first + length - 1]!;
        return ends[point] === first + length ? endAfter(point) : undefined;
      },
    };
  });
}

/**
 * The ranges of `text` a search's words match, for highlighting: a word the search matches whole,
 * and the matching prefix of a word the search's last word begins. Sorted, apart (overlapping or
 * touching ranges are merged). The same words as searchMemos and the offline store match
 * (searchWords): "cafe" highlights "Café", "fi" the "ﬁ" of "ﬁnal". A prefix that ends inside one
 * character of the text ("f" of "ﬁnal") highlights the whole word. Tags highlight nothing, and a
 * search without words gives no ranges.
 *
 * @example
 * matchRanges('Meeting at the Café', { query: 'cafe mee' }); // [{ start: 0, end: 3 }, { start: 15, end: 19 }]
 */
export function matchRanges(text: string, search: MemoSearch): readonly MatchRange[] {
  const { words } = searchFilter(search.query);
  const prefix = words.at(-1);
  if (prefix === undefined) return [];
  const whole = new Set(words);
  const ranges: MatchRange[] = [];
  for (const found of textWords(text)) {
    let range: MatchRange | undefined;
    if (whole.has(found.word)) range = { start: found.start, end: found.end };
    else if (found.word.startsWith(prefix)) range = { start: found.start, end: found.prefixEnd(prefix.length) ?? found.end };
    if (!range) continue;
    const previous = ranges.at(-1);
    if (previous && range.start <= previous.end)
      ranges[ranges.length - 1] = { start: previous.start, end: Math.max(previous.end, range.end) };
    else ranges.push(range);
  }
  return ranges;
}
