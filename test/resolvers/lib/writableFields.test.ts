import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { memoChanges, newMemoFields, sameFieldValue, storedFields, WRITABLE_FIELD_NAMES } from '../../../resolvers/lib/writableFields.js';

const MODULE = fileURLToPath(new URL('../../../resolvers/lib/writableFields.ts', import.meta.url));
const SCHEMA_TYPES = fileURLToPath(new URL('../../../generated/schemaTypes.ts', import.meta.url));

/** Type-checks writableFields.ts against generated types changed by `edit` (in memory); returns the errors. */
function typeErrorsWith(edit: (schemaTypes: string) => string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2024.d.ts'],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === SCHEMA_TYPES ? edit(readFileSync(SCHEMA_TYPES, 'utf8')) : readFile(path));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, language) =>
    path === SCHEMA_TYPES ? ts.createSourceFile(path, host.readFile(path)!, language) : getSourceFile(path, language);
  const program = ts.createProgram([MODULE], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the writable fields (validation, the item mapping and the retry comparison iterate them)', () => {
  it('lists every field of the schema’s CreateMemoInput but the id and the owner', () => {
    expect(typeErrorsWith((types) => types)).toEqual([]);
    expect([...WRITABLE_FIELD_NAMES].sort()).toEqual(['content', 'tags', 'title']);
  });

  it('fails the type-check when the schema gains a writable field with no rule (it can never be stored unchecked or make a different create count as a retry)', () => {
    const withPinned = (types: string) =>
      types
        .replace('export type CreateMemoInput = {', "export type CreateMemoInput = {\n  pinned?: InputMaybe<Scalars['Boolean']['input']>;")
        .replace('export type Memo = {', "export type Memo = {\n  pinned?: Maybe<Scalars['Boolean']['output']>;");
    const errors = typeErrorsWith(withPinned).join('\n');
    expect(errors).toContain("Property 'pinned' is missing");
  });

  it('fails the type-check when an update could change a field a create cannot write', () => {
    const updatableOnly = (types: string) =>
      types.replace(
        'export type UpdateMemoInput = {',
        "export type UpdateMemoInput = {\n  pinned?: InputMaybe<Scalars['Boolean']['input']>;",
      );
    expect(typeErrorsWith(updatableOnly).join('\n')).toContain('updatableOnly');
  });

  it('reads a create: a missing optional field as its absent value, a missing required one refused', () => {
    expect(newMemoFields({ content: 'x' })).toEqual({ title: null, content: 'x', tags: [] });
    expect(newMemoFields({ content: 'x', title: null, tags: null })).toEqual({ title: null, content: 'x', tags: [] });
    expect(() => newMemoFields({ title: 'x' })).toThrow(expect.objectContaining({ errorInfo: { field: 'input.content' } }));
  });

  it('reads an update: only what it sends; null clears only a field that can be absent', () => {
    expect(memoChanges({ title: null })).toEqual({ title: null });
    expect(memoChanges({ tags: [' a ', 'A'] })).toEqual({ tags: ['a'] });
    expect(() => memoChanges({ tags: null })).toThrow(expect.objectContaining({ errorInfo: { field: 'input.tags' } }));
    expect(() => memoChanges({})).toThrow('must change at least one of title, content or tags');
  });

  it('reads a stored item: a field never written as its absent value, in a list of its own', () => {
    const first = storedFields({ content: 'x' });
    expect(first).toEqual({ title: null, content: 'x', tags: [] });
    first.tags.push('mutated');
    expect(storedFields({ content: 'x' }).tags).toEqual([]);
  });

  it.each([
    [['a', 'b'], ['a', 'b'], true],
    [['a', 'b'], ['b', 'a'], false],
    [['a'], ['a', 'a'], false],
    [null, null, true],
    [null, 'x', false],
    [true, true, true],
    [true, false, false],
  ])('compares %j and %j as %s', (a, b, same) => {
    expect(sameFieldValue(a, b)).toBe(same);
  });
});
