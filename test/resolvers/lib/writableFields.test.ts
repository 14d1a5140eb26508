import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sameFieldValue, WRITABLE_FIELDS } from '../../../resolvers/lib/writableFields.js';

const MODULE = fileURLToPath(new URL('../../../resolvers/lib/writableFields.ts', import.meta.url));
const SCHEMA_TYPES = fileURLToPath(new URL('../../../generated/schemaTypes.ts', import.meta.url));

/** Type-checks writableFields.ts against generated types changed by `edit` (in memory); returns the errors. */
function typeErrorsWith(edit: (schemaTypes: string) => string): string[] {
  const options: ts.CompilerOptions = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === SCHEMA_TYPES ? edit(readFileSync(SCHEMA_TYPES, 'utf8')) : readFile(path));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (path, language) => (path === SCHEMA_TYPES ? ts.createSourceFile(path, host.readFile(path)!, language) : getSourceFile(path, language));
  const program = ts.createProgram([MODULE], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('the writable fields (the retry comparison iterates them)', () => {
  it('lists every field of the schema’s CreateMemoInput but the id and the owner', () => {
    expect(typeErrorsWith((types) => types)).toEqual([]);
    expect([...WRITABLE_FIELDS].sort()).toEqual(['content', 'tags', 'title']);
  });

  it('fails the type-check when the schema gains a writable field the list leaves out (a new field can never make a different create count as a retry)', () => {
    const withPinned = (types: string) => types.replace('export type CreateMemoInput = {', "export type CreateMemoInput = {\n  pinned?: InputMaybe<Scalars['Boolean']['input']>;");
    const errors = typeErrorsWith(withPinned);
    expect(errors.join('\n')).toContain('unlisted');
    expect(errors.join('\n')).toContain('"pinned"');
  });

  it('fails the type-check when an update could change a field a create cannot write', () => {
    const updatableOnly = (types: string) => types.replace('export type UpdateMemoInput = {', "export type UpdateMemoInput = {\n  pinned?: InputMaybe<Scalars['Boolean']['input']>;");
    expect(typeErrorsWith(updatableOnly).join('\n')).toContain('updatableOnly');
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
