import { MEMO_LIMITS } from '../resolverSeam.js';
import { seededRandom } from '../seededRandom.js';

/**
 * Memos of prose for the write cost of the lookup layouts, whose items grow with a memo's distinct
 * words: 1 KB of the repo's own docs holds ~164 words, ~102 distinct, ~375 distinct prefixes (measured
 * once, docs/architecture.md and docs/offline.md in 1 KB windows). A seeded Zipf draw over a made-up
 * vocabulary lands near that, and keeps the bench independent of how the docs read next month.
 */

const SYLLABLES = ['ba', 'ke', 'li', 'mo', 'nu', 'ra', 'se', 'ti', 'vo', 'za', 'pe', 'do', 'gu', 'fi', 'ha', 'ly', 'st', 'an', 'er', 'on'];
const VOCABULARY_SIZE = 5000;
const ZIPF_EXPONENT = 0.9;

/** Draws words of prose: frequent short ones, a long tail of rare ones. */
export function proseWords(seed: number): () => string {
  const random = seededRandom(seed);
  const vocabulary: string[] = [];
  const seen = new Set<string>();
  while (vocabulary.length < VOCABULARY_SIZE) {
    // Mostly one or two syllables, as running text is mostly short words.
    const draw = random();
    const syllables = draw < 0.35 ? 1 : draw < 0.75 ? 2 : draw < 0.95 ? 3 : 4;
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (seen.has(word)) continue;
    vocabulary.push(word);
    seen.add(word);
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= VOCABULARY_SIZE; rank++) cumulative.push((total += 1 / rank ** ZIPF_EXPONENT));
  return () => {
    const target = random() * total;
    let [low, high] = [0, VOCABULARY_SIZE - 1];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low]!;
  };
}

/** Prose of about `bytes` (ASCII, so bytes are characters), words drawn by `next`. */
export function proseText(next: () => string, bytes: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = next();
    words.push(word);
    length += word.length + 1;
  }
  const text = words.join(' ').slice(0, Math.min(bytes, MEMO_LIMITS.contentMaxBytes));
  // A cut mid-word would make a word the vocabulary does not hold: end at the last whole word.
  return text.slice(0, text.lastIndexOf(' '));
}

/** The same prose with a share of its words replaced by new draws: an edit of the content. */
export function editedProse(text: string, next: () => string, share: number, random: () => number): string {
  return text
    .split(' ')
    .map((word) => (random() < share ? next() : word))
    .join(' ');
}
