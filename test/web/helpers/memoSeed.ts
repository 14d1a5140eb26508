import { SHARED_DEFAULTS } from '../../../local/config.js';

/**
 * A user's 1,000 memos for the search suite, made through the API before the app opens: each
 * memo's one search word and its tags are known here, so a test knows what each search must find.
 *
 * The typed word is TYPED_WORD; memos carry words that share ever longer starts of it, so each
 * keystroke of it narrows the results (t 778 → tu 378 → tun 178 → tund 78 → tundr 28 → tundra 8).
 * Every other word of a memo starts with a letter no search of the suite types.
 */
export const TYPED_WORD = 'tundra';
const KEYWORDS: readonly (readonly [word: string, count: number])[] = [
  ['tundra', 8],
  ['tundrum', 20],
  ['tundish', 50],
  ['tunic', 100],
  ['tulip', 200],
  ['tango', 400],
];
const FILLER = ['apple', 'river', 'cloud', 'maple', 'ember', 'lunar', 'pebble', 'orbit', 'violet', 'copper', 'meadow', 'harbor'];
/** Every memo's title holds this word ("Note 17"): a search for it finds them all. */
export const TITLE_WORD = 'note';

export interface SeedMemo {
  readonly title: string;
  readonly content: string;
  readonly tags: readonly string[];
  /** The memo's one word starting with "t" (undefined: none). */
  readonly keyword: string | undefined;
}

/** The suite's memos: `Note <i>`, tags work (every 2nd), home (every 3rd), urgent (every 5th), keywords spread over time. */
export function seedMemos(count = 1000): SeedMemo[] {
  const keywordOf = new Map<number, string>();
  // 7919 is prime to 1,000: i ↦ i·7919 mod count visits every memo once, scattering each keyword's memos over the list.
  let next = 0;
  for (const [word, times] of KEYWORDS) for (let k = 0; k < times; k++) keywordOf.set((next++ * 7919) % count, word);
  return Array.from({ length: count }, (_, i) => {
    const keyword = keywordOf.get(i);
    const words = Array.from({ length: 24 }, (_, w) => FILLER[(i + w * 5) % FILLER.length]!);
    // Half of the keywords stand past the list's 80-character preview: the preview then starts near them.
    if (keyword) words.splice(i % 2 === 0 ? 2 : 20, 0, keyword);
    const tags = [i % 2 === 0 && 'work', i % 3 === 0 && 'home', i % 5 === 0 && 'urgent'].filter((tag) => tag !== false);
    return { title: `Note ${i}`, content: words.join(' '), tags, keyword };
  });
}

/** How many of `memos` carry a keyword starting with `prefix` and every tag of `tags`. */
export const countWith = (memos: readonly SeedMemo[], prefix: string, tags: readonly string[] = []) =>
  memos.filter((memo) => (prefix === '' || memo.keyword?.startsWith(prefix)) && tags.every((tag) => memo.tags.includes(tag))).length;

/** The resolver count limit of one request (RESOLVER_COUNT_LIMIT's default): creates per request. */
const PER_REQUEST = SHARED_DEFAULTS.resolverCountLimit;

/**
 * Creates the memos through GraphQL, PER_REQUEST aliased createMemo per request, four requests at a time
 * (`call` sends one request as the user and fails the test on an error).
 */
export async function createSeed(
  memos: readonly SeedMemo[],
  call: (query: string, variables: Record<string, unknown>) => Promise<unknown>,
) {
  const batches: SeedMemo[][] = [];
  for (let i = 0; i < memos.length; i += PER_REQUEST) batches.push(memos.slice(i, i + PER_REQUEST));
  const send = async (batch: SeedMemo[]) => {
    const declared = batch.map((_, i) => `$i${i}: CreateMemoInput!`).join(', ');
    const fields = batch.map((_, i) => `m${i}: createMemo(input: $i${i}) { memoId }`).join(' ');
    const variables = Object.fromEntries(batch.map(({ title, content, tags }, i) => [`i${i}`, { title, content, tags }]));
    await call(`mutation Seed(${declared}) { ${fields} }`, variables);
  };
  const lanes = Array.from({ length: 4 }, async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) await send(batch);
  });
  await Promise.all(lanes);
}
