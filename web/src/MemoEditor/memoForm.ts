import {
  contentProblem,
  countChars,
  MEMO_LIMITS,
  normaliseTags,
  tagProblem,
  tagsProblem,
  titleProblem,
  type MemoFieldProblem,
} from '@memo-api/client';

/** A memo's fields as the form checked them: what a create sends, and what an update's changes are taken from. */
export interface MemoDraft {
  readonly title: string | null;
  readonly content: string;
  readonly tags: string[];
}

/** The form's fields as typed; tags comma-separated. */
export interface FormFields {
  readonly title: string;
  readonly content: string;
  readonly tags: string;
}
export type FieldName = keyof FormFields;
/** A sentence per field that is wrong, worded for the user. */
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The order the fields appear in: the first one wrong gets the focus. */
export const FIELD_ORDER: readonly FieldName[] = ['title', 'content', 'tags'];

/** "a, b ,, A" → ["a", "b", "A"]: the pieces between commas, trimmed, the empty ones ignored. */
export const typedTags = (text: string): string[] =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/**
 * The draft the API would store, and what is wrong with it, by the API's own rules
 * (resolvers/lib/memoRules.ts, which the SDK exports as generated): the form refuses exactly what the server would refuse.
 */
export function checkForm(fields: FormFields): { draft: MemoDraft; errors: FieldErrors } {
  const title = fields.title.trim();
  const typed = typedTags(fields.tags);
  const tags = normaliseTags(typed);
  const errors: FieldErrors = {};

  const titleIssue = titleProblem(title);
  if (titleIssue) errors.title = `Title ${reason(titleIssue)} (this one has ${countChars(title)}).`;
  const contentIssue = contentProblem(fields.content);
  if (contentIssue) errors.content = `Content ${reason(contentIssue)}.`;
  const badTag = typed.find((tag) => tagProblem(tag));
  const tagsIssue = tagsProblem(tags);
  if (badTag !== undefined) errors.tags = `${tagLabel(badTag)} ${reason(tagProblem(badTag)!)}.`;
  else if (tagsIssue) errors.tags = `Use ${reason(tagsIssue)} (these are ${tags.length}).`;

  return { draft: { title: title || null, content: fields.content, tags }, errors };
}

/**
 * An API ValidationError (`errorInfo.field`, e.g. "input.tags[2]", and a message starting with
 * it) as the field the user sees and a sentence about it: a tag is named by its text as typed,
 * found from the index in `sent`, the draft the request carried. Undefined for other fields.
 */
export function fieldErrorFromApi(field: string, message: string, sent: MemoDraft): { field: FieldName; message: string } | undefined {
  const match = /^input\.(title|content|tags)(?:\[(\d+)\])?$/.exec(field);
  if (!match) return undefined;
  const name = match[1] as FieldName;
  const problem = (message.startsWith(`${field} `) ? message.slice(field.length + 1) : message).replace(/\.$/, '');
  const tag = match[2] === undefined ? undefined : sent.tags[Number(match[2])];
  const label = tag !== undefined ? tagLabel(tag) : { title: 'Title', content: 'Content', tags: 'Tags' }[name];
  return { field: name, message: `${label} ${problem}.` };
}

/** Why a field is refused, the way the form says it (the server words the same problems for API clients). */
function reason(problem: MemoFieldProblem): string {
  switch (problem.kind) {
    case 'blank':
      return 'must not be blank';
    case 'tooLong':
      return problem.unit === 'bytes'
        ? `must be at most ${problem.max / 1024} KiB (${MEMO_LIMITS.contentMaxBytes} bytes in UTF-8)`
        : `must be at most ${problem.max} characters`;
    case 'tooManyTags':
      return `at most ${problem.max} different tags`;
  }
}

/** A tag named by its text, cut short when very long. */
const tagLabel = (tag: string) => `The tag "${countChars(tag) > 60 ? `${[...tag].slice(0, 57).join('')}…` : tag}"`;
