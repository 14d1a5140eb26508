import { describe, expect, it } from 'vitest';
import { memoMatches, searchFilter, searchWords } from '../../../sdk/src/generated/searchMatch.js';
import { matchRanges, textWords, type MatchRange } from '../../../sdk/src/offline/matchRanges.js';
import type { MemoSearch } from '../../../sdk/src/offline/types.js';
import { SEARCH_CASES } from '../../fixtures/searchCases.js';
import { seededRandom } from '../../../bench/seededRandom.js';

/** The text with each range in brackets, so a case reads as what a user sees highlighted. */
function marked(text: string, ranges: readonly MatchRange[]): string {
  let out = '';
  let at = 0;
  for (const { start, end } of ranges) {
    out += `${text.slice(at, start)}[${text.slice(start, end)}]`;
    at = end;
  }
  return out + text.slice(at);
}

// Characters where lower-casing, NFKD or mark stripping change lengths or split one character in several.
const TRICKY = [
  'a',
  'b',
  'Z',
  'é',
  'e\u0301',
  '\u0301',
  'ﬁ',
  'ﬀ',
  'Ｆ',
  'İ',
  'I',
  'Σ',
  'σ',
  'ς',
  'ß',
  'ǅ',
  '¼',
  '²',
  '한',
  '🎉',
  '𝐀',
  '㎆',
  '2',
  ' ',
  '-',
  ',',
  '\n',
];

describe('matchRanges', () => {
  it.each<[string, string, MemoSearch, string]>([
    [
      'a prefix of the last word, and a whole word with its accent',
      'Meeting at the Café',
      { query: 'cafe mee' },
      '[Mee]ting at the [Café]',
    ],
    ['every occurrence, whatever its case', 'meet MEETING Meet', { query: 'meet' }, '[meet] [MEET]ING [Meet]'],
    ['a word before the last only whole', 'meet meeting', { query: 'meet x' }, '[meet] meeting'],
    ['an accented prefix from an unaccented query', 'Workshop on Résumé writing', { query: 'resu' }, 'Workshop on [Résu]mé writing'],
    ['the accent of the query ignored too', 'Workshop on Resume writing', { query: 'résumé' }, 'Workshop on [Resume] writing'],
    ['a decomposed accent kept with its letter', 'Re\u0301sume\u0301', { query: 're' }, '[Re\u0301]sume\u0301'],
    ['a ligature whole when the prefix covers it', 'the ﬁnal ﬁle', { query: 'fi' }, 'the [ﬁ]nal [ﬁ]le'],
    ['the whole word when the prefix ends inside a ligature', 'the ﬁnal ﬁle', { query: 'f' }, 'the [ﬁnal] [ﬁle]'],
    ['a ligature inside a whole word', 'the ﬁnal ﬁle', { query: 'file' }, 'the ﬁnal [ﬁle]'],
    ['full-width letters', 'ＦＩＬＥ server', { query: 'fi' }, '[ＦＩ]ＬＥ server'],
    ['a dotted capital I', 'İstanbul trip', { query: 'ist' }, '[İst]anbul trip'],
    ['a dotted capital I, whole', 'İstanbul trip', { query: 'ISTANBUL' }, '[İstanbul] trip'],
    ['a final sigma, whole', 'ΟΔΟΣ και', { query: 'ΟΔΟΣ' }, '[ΟΔΟΣ] και'],
    ['a Greek prefix', 'Καλημέρα κόσμε', { query: 'καλη' }, '[Καλη]μέρα κόσμε'],
    ['a Hangul syllable, decomposed in several letters', '한국어', { query: '한' }, '[한]국어'],
    ['punctuation splits words in the text', 'Send the e-mail today', { query: 'mail' }, 'Send the e-[mail] today'],
    ['punctuation splits words in the query', 'Send the e-mail today', { query: '"e-mail"' }, 'Send the [e]-[mail] today'],
    ['punctuation of the query ignored', 'Dentist, then a long walk', { query: '"dentist," then…' }, '[Dentist], [then] a long walk'],
    ['offsets past an emoji (two UTF-16 units)', 'Party 🎉 on Friday', { query: '🎉 fri' }, 'Party 🎉 on [Fri]day'],
    ['digits, and a prefix of them', 'Budget 2026, draft 3', { query: 'budget 20' }, '[Budget] [20]26, draft 3'],
    ['two words from one character: one range', 'a ¼ cup', { query: '1 4' }, 'a [¼] cup'],
    ['nothing inside a word', 'Team meeting', { query: 'eeting' }, 'Team meeting'],
    ['a tag highlights nothing', 'work work', { tags: ['work'] }, 'work work'],
    ['a blank query: nothing', 'Team meeting', { query: '  ' }, 'Team meeting'],
    ['a query of punctuation only: nothing', 'Team meeting?!', { query: '?!' }, 'Team meeting?!'],
    ['no query: nothing', 'Team meeting', {}, 'Team meeting'],
  ])('%s', (_name, text, search, expected) => {
    expect(marked(text, matchRanges(text, search))).toBe(expected);
  });

  it('finds the words searchWords finds, in order, and each range holds its word', () => {
    const random = seededRandom(20);
    const texts = SEARCH_CASES.flatMap((searchCase) => searchCase.memos.flatMap((memo) => [memo.title, memo.content]));
    for (let i = 0; i < 2000; i++)
      texts.push(Array.from({ length: 1 + Math.floor(random() * 12) }, () => TRICKY[Math.floor(random() * TRICKY.length)]).join(''));
    for (const text of texts) {
      const words = textWords(text);
      expect(
        words.map((found) => found.word),
        text,
      ).toEqual(searchWords(text));
      for (const found of words) expect(searchWords(text.slice(found.start, found.end)).join(' '), text).toContain(found.word);
    }
  });

  it('highlights exactly when the shared rules match a one-word search, somewhere when they match a longer one; ranges sorted and apart', () => {
    const random = seededRandom(21);
    for (let i = 0; i < 3000; i++) {
      const pick = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => TRICKY[Math.floor(random() * TRICKY.length)]).join('');
      const text = `${pick()} ${pick()}${pick()}`;
      const query = pick();
      const ranges = matchRanges(text, { query });
      const filter = searchFilter(query);
      if (filter.words.length === 1) expect(ranges.length > 0, `${text} / ${query}`).toBe(memoMatches(filter, { content: text, tags: [] }));
      else if (filter.words.length > 1 && memoMatches(filter, { content: text, tags: [] }))
        expect(ranges.length, `${text} / ${query}`).toBeGreaterThan(0);
      ranges.forEach((range, index) => {
        expect(range.start).toBeLessThan(range.end);
        if (index > 0) expect(range.start).toBeGreaterThan(ranges[index - 1]!.end);
      });
    }
  });
});
