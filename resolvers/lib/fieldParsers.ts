import { ValidationError } from './errors.js';
import { contentProblem, normaliseTags, tagProblem, tagsProblem, titleProblem, type MemoFieldProblem } from './memoRules.js';

// How each writable field reads a value a client sent (never null: writableFields.ts decides what
// null means). `path` names the argument in the ValidationError, e.g. `input.title`.

export function parseTitle(value: unknown, path: string): string {
  return check(requireString(value, path), titleProblem, path);
}

export function parseContent(value: unknown, path: string): string {
  return check(requireString(value, path), contentProblem, path);
}

/** Tags are trimmed and kept in first-seen order; duplicates ignoring case are dropped (the first spelling stays) before the count is checked. */
export function parseTags(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw new ValidationError(path, 'must be a list of strings');
  const tags = normaliseTags(value.map((tag, index) => check(requireString(tag, `${path}[${index}]`), tagProblem, `${path}[${index}]`)));
  return check(tags, tagsProblem, path);
}

/** A string that is well-formed Unicode: a lone surrogate would not survive UTF-8 storage. */
export function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ValidationError(path, 'must be a string');
  if (!value.isWellFormed()) throw new ValidationError(path, 'must be valid Unicode (no lone surrogates)');
  return value;
}

/** The value, or the field's ValidationError worded for API clients (these messages are part of the API). */
function check<T>(value: T, problemOf: (value: T) => MemoFieldProblem | undefined, path: string): T {
  const problem = problemOf(value);
  if (!problem) return value;
  switch (problem.kind) {
    case 'blank':
      throw new ValidationError(path, 'must not be blank');
    case 'tooLong':
      throw new ValidationError(path, `must be at most ${problem.max} ${problem.unit === 'bytes' ? 'bytes in UTF-8' : 'characters'}`);
    case 'tooManyTags':
      throw new ValidationError(path, `must hold at most ${problem.max} distinct tags`);
  }
}
