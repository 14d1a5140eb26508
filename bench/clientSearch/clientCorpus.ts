import type { IndexedMemo } from './clientSearchAdapter.js';
import { seededRandom } from '../seededRandom.js';

/**
 * A user's memos as prose, for the client search bench: words drawn with a Zipf-like skew (a few
 * very common, most rare), stems beside their longer forms ("plan", "planning") so that a word
 * before the last must match whole, accented and non-Latin spellings ("Café", "Zürich", "Łódź"),
 * hyphens and apostrophes, and tags in mixed case, some with spaces or accents. Seeded: every run,
 * and the Node reference, see the same memos.
 */
const WORDS = (
  'the a to of and in for on with at from by about after before this that our your team meeting meet meetings plan planning ' +
  'plans planned note notes noted review reviewed reviews draft drafts budget budgets status call calls called later today ' +
  'tomorrow week weekly month quarter report reports project projects deadline launch design designs idea ideas list lists ' +
  'shopping grocery groceries milk bread coffee tea lunch dinner breakfast recipe recipes trip travel flight flights hotel ' +
  'train ticket tickets passport visa book books read reading write writing letter email e-mail phone number address ' +
  'birthday party gift gifts family friend friends doctor dentist appointment health run running walk walking gym yoga ' +
  'garden plants water paint house kitchen repair fix fixed bug bugs release version server database backup deploy ' +
  'customer customers invoice invoices payment tax taxes bank account password reminder remember ask check send sent ' +
  'buy bought order ordered pick picked return school class homework exam teacher lesson music guitar piano movie ' +
  "film photos photo camera summer winter spring autumn holiday holidays weekend morning evening night don't can't it's " +
  'café résumé naïve façade jalapeño crème brûlée entrée déjà vu señor piñata über Zürich München Málaga Kraków Łódź São ' +
  'Paulo Ångström straße fiancée rosé protégé 2026 2027 q1 q2 q3 q4 v2 v3 10am 3pm 42'
).split(' ');
const TITLE_WORDS = WORDS.filter((word) => word.length > 3);
const TAGS = ['Work', 'home', 'Travel', 'road trip', 'Urgent', 'ideas', 'Café', 'Été', 'health', 'finance', 'kids', 'to-do', 'Reading'];
const PUNCTUATION = ['', '', '', '', ',', '.', ';', ':', '!', '?', ' —'];

/** `count` memos, oldest first, one minute apart, ending at `newest`. */
export function clientCorpus(count: number, seed = 20, newest = Date.UTC(2026, 11, 1)): IndexedMemo[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Zipf-like: the square of a uniform number favours the front of the list.
  const word = () => WORDS[Math.floor(random() ** 2 * WORDS.length)]!;
  const capitalised = (text: string) => (random() < 0.15 ? text[0]!.toUpperCase() + text.slice(1) : text);
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('');
  return Array.from({ length: count }, (_, i) => {
    const sentences = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
      Array.from({ length: 4 + Math.floor(random() * 12) }, () => capitalised(word()) + pick(PUNCTUATION)).join(' '),
    );
    const tags = new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS)));
    return {
      id: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      title: random() < 0.1 ? null : Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(TITLE_WORDS)).join(' '),
      content: sentences.join('\n'),
      tags: [...tags],
      createdAt: new Date(newest - (count - 1 - i) * 60_000).toISOString(),
    };
  });
}
