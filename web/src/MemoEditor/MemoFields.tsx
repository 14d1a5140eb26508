import type { FieldErrors, FieldName, FormFields } from './memoForm.js';

interface MemoFieldsProps {
  readonly ids: Record<FieldName, string>;
  readonly fields: FormFields;
  readonly errors: FieldErrors;
  readonly onChange: (name: FieldName, value: string) => void;
}

/**
 * Title, content and tags, each with its hint and, when refused, its error: both read out with
 * the field (aria-describedby), the field marked invalid.
 */
export function MemoFields({ ids, fields, errors, onChange }: MemoFieldsProps) {
  const described = (name: FieldName, hint?: boolean) =>
    [hint && `${ids[name]}-hint`, errors[name] && `${ids[name]}-error`].filter(Boolean).join(' ') || undefined;
  const error = (name: FieldName) =>
    errors[name] && (
      <p id={`${ids[name]}-error`} className="field-error">
        {errors[name]}
      </p>
    );
  return (
    <>
      <label htmlFor={ids.title}>Title</label>
      <input
        id={ids.title}
        value={fields.title}
        onChange={(e) => onChange('title', e.target.value)}
        aria-invalid={errors.title ? true : undefined}
        aria-describedby={described('title')}
        autoComplete="off"
      />
      {error('title')}
      <label htmlFor={ids.content}>Content</label>
      <textarea
        id={ids.content}
        value={fields.content}
        onChange={(e) => onChange('content', e.target.value)}
        rows={8}
        required
        aria-invalid={errors.content ? true : undefined}
        aria-describedby={described('content', true)}
      />
      {error('content')}
      <p id={`${ids.content}-hint`} className="hint">
        Ctrl+Enter (⌘+Enter on a Mac) saves; Escape closes.
      </p>
      <label htmlFor={ids.tags}>Tags</label>
      <input
        id={ids.tags}
        value={fields.tags}
        onChange={(e) => onChange('tags', e.target.value)}
        aria-invalid={errors.tags ? true : undefined}
        aria-describedby={described('tags', true)}
        autoComplete="off"
      />
      {error('tags')}
      <p id={`${ids.tags}-hint`} className="hint">
        Separate tags with commas. Case does not matter: “Misc” and “misc” are one tag, kept as first written.
      </p>
    </>
  );
}
