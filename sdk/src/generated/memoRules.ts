// Copied from resolvers/lib/memoRules.ts by graphql-codegen. Do not edit: change the original and run `npm run codegen`.
/**
 * The rules of a memo's fields, in one dependency-free module: the server's validation
 * (`validation.ts`) and the web app's form (which Vite bundles from here) both use it, so the
 * form can never accept what the API refuses, or the other way round. It says what is wrong as
 * data (`MemoFieldProblem`); each side words it for its own readers.
 */

/** The limits of a memo, in one place so docs, errors, the form and tests agree. */
export const MEMO_LIMITS = {
  titleMaxChars: 200,
  contentMaxBytes: 64 * 1024,
  tagsMax: 20,
  tagMaxChars: 50,
  listLimitMin: 1,
  listLimitMax: 100,
  listLimitDefault: 20,
} as const;

/** What is wrong with a field's value, if anything. */
export type MemoFieldProblem =
  | { readonly kind: 'blank' }
  | { readonly kind: 'tooLong'; readonly max: number; readonly unit: 'characters' | 'bytes' }
  | { readonly kind: 'tooManyTags'; readonly max: number };

const utf8 = new TextEncoder();

/** Characters as users count them: Unicode code points, not UTF-16 units. */
export function countChars(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The title as sent (optional: the form sends a blank one as null). */
export function titleProblem(title: string): MemoFieldProblem | undefined {
  return countChars(title) > MEMO_LIMITS.titleMaxChars
    ? { kind: 'tooLong', max: MEMO_LIMITS.titleMaxChars, unit: 'characters' }
    : undefined;
}

/** Content is required, must hold more than whitespace, and is stored as sent (never trimmed). */
export function contentProblem(content: string): MemoFieldProblem | undefined {
  if (content.trim() === '') return { kind: 'blank' };
  if (utf8.encode(content).length > MEMO_LIMITS.contentMaxBytes)
    return { kind: 'tooLong', max: MEMO_LIMITS.contentMaxBytes, unit: 'bytes' };
  return undefined;
}

/** One tag as given: it is trimmed, and what is left must be 1–50 characters. */
export function tagProblem(tag: string): MemoFieldProblem | undefined {
  const trimmed = tag.trim();
  if (trimmed === '') return { kind: 'blank' };
  if (countChars(trimmed) > MEMO_LIMITS.tagMaxChars) return { kind: 'tooLong', max: MEMO_LIMITS.tagMaxChars, unit: 'characters' };
  return undefined;
}

/** The tags a memo keeps (see normaliseTags): at most 20. */
export function tagsProblem(normalised: readonly string[]): MemoFieldProblem | undefined {
  return normalised.length > MEMO_LIMITS.tagsMax ? { kind: 'tooManyTags', max: MEMO_LIMITS.tagsMax } : undefined;
}

/** Two tags are the same tag when they are equal ignoring case ("Misc" and "misc"). */
export const tagKey = (tag: string): string => tag.trim().normalize('NFC').toLowerCase();

/**
 * Tags as stored: each trimmed, duplicates ignoring case dropped, the first spelling and the
 * first-seen order kept: `[" misc", "Work", "MISC"]` → `["misc", "Work"]`.
 */
export function normaliseTags(tags: readonly string[]): string[] {
  const kept = new Map<string, string>();
  for (const tag of tags) if (!kept.has(tagKey(tag))) kept.set(tagKey(tag), tag.trim());
  return [...kept.values()];
}
