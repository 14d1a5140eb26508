import { describe, expect, it } from 'vitest';
import { tagKey } from '../../resolvers/lib/memoRules.js';
import { memoMatcher, memoMatches, searchFilter, searchText, searchWords, type SearchFilter } from '../../resolvers/lib/searchMatch.js';
import { seededRandom } from '../../bench/seededRandom.js';

/**
 * The matching rules as first written, word sets and all: every text through the full
 * lower-case → NFKD → strip-marks → lower-case pipeline, split into words, compared as sets. The fast matcher
 * (ASCII without NFKD, substring search with boundary checks, no word sets) must agree with it.
 */
function referenceMatches(filter: SearchFilter, memo: { title?: string | null; content: string; tags: readonly string[] }): boolean {
  const words = (text: string) =>
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const carried = new Set(memo.tags.map(tagKey));
  if (!filter.tagKeys.every((key) => carried.has(key))) return false;
  if (filter.words.length === 0) return true;
  const memoWords = new Set([...words(memo.title ?? ''), ...words(memo.content)]);
  const prefix = filter.words.at(-1)!;
  return filter.words.slice(0, -1).every((word) => memoWords.has(word)) && [...memoWords].some((word) => word.startsWith(prefix));
}

// Pieces chosen for the rules' edge cases: accents precomposed and combining, İ, ligatures, superscripts,
// final sigma, astral letters and digits (surrogate pairs), emoji, CJK, lone surrogates, punctuation.
const PIECES = [
  'meet',
  'meeting',
  'Meet',
  'MEETING',
  'cafe',
  'Café',
  'cafe\u0301',
  'İstanbul',
  'istanbul',
  'ﬁle',
  'file',
  'x²',
  'x2',
  'ΟΔΟΣ',
  'οδος',
  'οδοσ',
  '𝐀𝐁',
  'ab',
  '𝟏𝟐',
  '12',
  '😀',
  '日本語',
  '日本',
  'Straße',
  'strasse',
  '\ud800',
  '\udc00',
  'ǅ',
  'ﬀ',
  'a',
  'é',
  '1',
  ' ',
  ' ',
  '-',
  '.',
  "'",
  '\n',
  '\u00a0',
  '_',
  '#',
  'e\u0301\u0301',
  'Ａ',
  'ａ',
];

function randomText(next: () => number, pieces: number): string {
  let text = '';
  for (let i = 0; i < pieces; i++) text += PIECES[Math.floor(next() * PIECES.length)]!;
  return text;
}

describe('memoMatches agrees with the reference rules', () => {
  it('on 20,000 random memos and queries of Unicode text (seeded), hits and misses alike', () => {
    const next = seededRandom(20_2026);
    let hits = 0;
    for (let run = 0; run < 20_000; run++) {
      const memo = {
        title: next() < 0.2 ? null : randomText(next, 1 + Math.floor(next() * 4)),
        content: randomText(next, 1 + Math.floor(next() * 12)),
        tags: next() < 0.5 ? [] : [PIECES[Math.floor(next() * PIECES.length)]!.trim() || 'x'],
      };
      // Half the queries take words of the memo itself (cut to a prefix at times), so hits are common.
      const own = searchWords(`${memo.title ?? ''} ${memo.content}`);
      const queryWords = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
        if (own.length === 0 || next() < 0.5) return randomText(next, 1 + Math.floor(next() * 2));
        const word = own[Math.floor(next() * own.length)]!;
        return next() < 0.5 ? word : [...word].slice(0, 1 + Math.floor(next() * [...word].length)).join('');
      });
      const tags = next() < 0.2 ? [...memo.tags] : [];
      const filter = searchFilter(queryWords.join(' '), tags);
      const expected = referenceMatches(filter, memo);
      if (expected) hits++;
      expect({ run, memo, filter, matches: memoMatches(filter, memo) }).toEqual({ run, memo, filter, matches: expected });
      expect(memoMatcher(filter)(memo)).toBe(expected);
    }
    // Both answers occur often, so the agreement means something.
    expect(hits).toBeGreaterThan(2_000);
    expect(hits).toBeLessThan(18_000);
  });

  it.each([
    ['meet', 'Meeting notes', true],
    ['meeting notes', 'Meeting notes', true],
    ['meeting note', 'Notes of the meeting', true],
    ['meetings note', 'Notes of the meeting', false],
    ['eting', 'meeting', false],
    ['cafe', 'Un café crème', true],
    ['istanbul', 'İSTANBUL', true],
    ['file', 'ﬁle', true],
    ['x2', 'x²', true],
    ['ab', '𝐚𝐛c', true],
    ['ab c', '𝐚𝐛c', false],
    ['c', '𝐚𝐛c', false],
    ['日本', '日本語', true],
  ])('query %j in content %j matches: %s', (query, content, expected) => {
    const filter = searchFilter(query);
    expect(memoMatches(filter, { content, tags: [] })).toBe(expected);
    expect(referenceMatches(filter, { content, tags: [] })).toBe(expected);
  });
});

describe('searchText', () => {
  it('is the full pipeline on any text, ASCII or not', () => {
    const next = seededRandom(7);
    for (let run = 0; run < 5_000; run++) {
      const text =
        next() < 0.5 ? randomText(next, 8) : Array.from({ length: 40 }, () => String.fromCharCode(Math.floor(next() * 128))).join('');
      expect(searchText(text)).toBe(text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
    }
  });
});
