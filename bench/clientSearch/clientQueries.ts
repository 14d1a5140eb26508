import type { IndexedMemo, SearchRequest } from './clientSearchAdapter.js';

/** What a user types, letter by letter: each phrase yields every prefix of itself. */
const PHRASES = [
  'team meeting notes',
  'Café résumé',
  'plan the trip to Zürich',
  'budget review draft',
  'Łódź flight tickets',
  "don't forget milk",
  'e-mail the invoice',
  'q3 report',
  'birthday party gift ideas',
  'plans for the weekend',
];
/** Tag chips alone: one, two, in other cases and spellings, and one nobody carries. */
const TAG_SETS = [['work'], ['Travel'], ['ROAD TRIP'], ['urgent', 'Work'], ['café'], ['été', 'home'], ['nobody']];
/** Typing with chips chosen. */
const WITH_TAGS: [string, string[]][] = [
  ['meeting notes', ['work']],
  ['trip', ['Travel', 'road trip']],
];

const typed = (phrase: string) => Array.from({ length: phrase.length }, (_, i) => phrase.slice(0, i + 1));

/** The measured sequence: every prefix of every phrase, the tag sets, then typing under chips (≥ 200 searches). */
export function typedQueries(): SearchRequest[] {
  return [
    ...PHRASES.flatMap(typed).map((query) => ({ query, tags: [] })),
    ...TAG_SETS.map((tags) => ({ query: '', tags })),
    ...WITH_TAGS.flatMap(([phrase, tags]) => typed(phrase).map((query) => ({ query, tags }))),
  ];
}

/** A word no generated memo holds, which the edits bring in. */
export const EDITED_WORD = 'zyzzyva';

/**
 * The incremental changes: `count` memos spread through the corpus rewritten (a new word, new
 * tags, the old words gone) and as many others removed; then searches that tell whether the index
 * followed (the new word, the old words, the tags).
 */
export function corpusEdits(memos: readonly IndexedMemo[], count: number) {
  const step = Math.floor(memos.length / (2 * count + 1));
  const picked = Array.from({ length: 2 * count }, (_, i) => memos[(i + 1) * step]!);
  const replacements = picked
    .slice(0, count)
    .map((memo) => ({ ...memo, title: `${EDITED_WORD} edited`, content: `${EDITED_WORD} rewritten today`, tags: ['Edited', 'work'] }));
  const removals = picked.slice(count).map((memo) => memo.id);
  const checks: SearchRequest[] = [
    { query: EDITED_WORD, tags: [] },
    { query: 'rewritten tod', tags: ['edited'] },
    { query: '', tags: ['Edited'] },
    ...typedQueries().slice(0, 40),
  ];
  return { replacements, removals, checks };
}

/** The memos after the edits, for the reference. */
export function editedCorpus(memos: readonly IndexedMemo[], edits: ReturnType<typeof corpusEdits>): IndexedMemo[] {
  const replaced = new Map(edits.replacements.map((memo) => [memo.id, memo]));
  const removed = new Set(edits.removals);
  return memos.filter((memo) => !removed.has(memo.id)).map((memo) => replaced.get(memo.id) ?? memo);
}
