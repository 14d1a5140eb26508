import fc from 'fast-check';

/**
 * Arbitrary GraphQL requests for the memo schema: valid and broken documents with aliases,
 * directives, inline and named fragments (chains that spread the previous one twice, and
 * cycles), deep nesting, odd variables. None of them can write: mutations aim at memos that do
 * not exist or carry blank content, so the store must end up holding only what the tracked
 * creates wrote.
 */
export type FuzzRequest = { query: string; variables?: unknown; operationName?: unknown } | { body: string };

const memoField = fc.constantFrom(
  'memoId',
  'ownerId',
  'title',
  'content',
  'tags',
  'createdAt',
  'updatedAt',
  'version',
  '__typename',
  'nope',
  '__schema',
);
const alias = fc.constantFrom('', '', '', 'a: ', 'b: ', 'memoId: ', 'content: ', '__x: ');
const directive = fc.constantFrom(
  '',
  '',
  '',
  ' @include(if: true)',
  ' @skip(if: true)',
  ' @skip(if: false)',
  ' @include(if: $flag)',
  ' @unknown',
  ' @include',
  ' @aws_subscribe(mutations: ["createMemo"])',
  ' @skip(if: "yes")',
);

/** A selection set on Memo, spreading fragments F0…F(fragments-1). */
function memoSelection(fragments: number): fc.Arbitrary<string> {
  const item = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(alias, memoField, directive).map(([a, f, d]) => `${a}${f}${d}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('... on Memo { memoId }', '... on MemoConnection { nextToken }', '... { content }', '... on Nope { x }'),
    },
    { weight: fragments > 0 ? 2 : 0, arbitrary: fc.integer({ min: 0, max: Math.max(0, fragments - 1) }).map((i) => `...F${i}`) },
    { weight: 1, arbitrary: fc.constantFrom('...Missing', 'memoId(arg: 1)', 'tags { x }', 'content {') },
  );
  return fc.array(item, { minLength: 0, maxLength: 6 }).map((items) => `{ ${items.join(' ')} }`);
}

/** Fragment definitions: a chain (each spreading the one before, often twice), sometimes with a cycle. */
const fragmentChain: fc.Arbitrary<{ count: number; text: string }> = fc
  .record({
    count: fc.integer({ min: 0, max: 40 }),
    doubled: fc.boolean(),
    cycle: fc.boolean(),
    typeName: fc.constantFrom('Memo', 'Memo', 'Memo', 'Query', 'Nope'),
  })
  .map(({ count, doubled, cycle, typeName }) => {
    const definitions = Array.from({ length: count }, (_, i) => {
      const body =
        i === 0
          ? cycle && count > 1
            ? `memoId ...F${count - 1}`
            : 'memoId'
          : doubled
            ? `...F${i - 1} ...F${i - 1}`
            : `content ...F${i - 1}`;
      return `fragment F${i} on ${i === count - 1 ? typeName : 'Memo'} { ${body} }`;
    });
    return { count, text: definitions.join(' ') };
  });

const uuidLike = fc.oneof(fc.uuid(), fc.constantFrom('', 'not-a-uuid', 'x'.repeat(300), '00000000-0000-0000-0000-000000000000'));

/** Root fields that read, or try to write and must fail. */
function rootField(selection: fc.Arbitrary<string>): fc.Arbitrary<{ operation: 'query' | 'mutation' | 'subscription'; text: string }> {
  return fc.oneof(
    fc
      .tuple(alias, fc.integer({ min: -5, max: 200 }), selection, directive)
      .map(([a, limit, s, d]) => ({ operation: 'query' as const, text: `${a}listMemos(limit: ${limit})${d} { items ${s} nextToken }` })),
    fc
      .tuple(alias, uuidLike, selection)
      .map(([a, id, s]) => ({ operation: 'query' as const, text: `${a}memo(memoId: ${JSON.stringify(id)}) ${s}` })),
    fc.tuple(uuidLike, selection).map(([id, s]) => ({
      operation: 'mutation' as const,
      text: `updateMemo(input: { memoId: ${JSON.stringify(id)}, content: "never", expectedVersion: 1 }) ${s}`,
    })),
    fc
      .tuple(uuidLike, selection)
      .map(([id, s]) => ({ operation: 'mutation' as const, text: `deleteMemo(memoId: ${JSON.stringify(id)}, expectedVersion: 7) ${s}` })),
    fc
      .tuple(fc.constantFrom('', ' ', '\n\t', '\u00a0'), selection)
      .map(([blank, s]) => ({ operation: 'mutation' as const, text: `createMemo(input: { content: ${JSON.stringify(blank)} }) ${s}` })),
    selection.map((s) => ({ operation: 'subscription' as const, text: `onCreateMemo ${s}` })),
    fc
      .constantFrom('__typename', '__schema { types { name } }', 'nope', 'listMemos', 'memo(memoId: $id) { memoId }')
      .map((text) => ({ operation: 'query' as const, text })),
  );
}

/** The request body a fuzz request is sent as. */
export function bodyOf(request: FuzzRequest): string {
  return 'body' in request ? request.body : JSON.stringify(request);
}

/** Deep nesting in one of the places a parser or validator recurses. */
const deepNesting: fc.Arbitrary<FuzzRequest> = fc
  .record({ depth: fc.integer({ min: 50, max: 6_000 }), where: fc.constantFrom('selection', 'inline', 'list', 'object', 'variables') })
  .map(({ depth, where }): FuzzRequest => {
    switch (where) {
      case 'selection':
        return { query: `{ listMemos { items ${'{ memoId '.repeat(depth)}${'}'.repeat(depth)} } }` };
      case 'inline':
        return { query: `{ listMemos { items { ${'... on Memo { '.repeat(depth)}memoId${' }'.repeat(depth)} } } }` };
      case 'list':
        return { query: `mutation { createMemo(input: { content: " ", tags: ${'['.repeat(depth)}"a"${']'.repeat(depth)} }) { memoId } }` };
      case 'object':
        return { query: `{ memo(memoId: ${'{ a: '.repeat(depth)}1${' }'.repeat(depth)}) { memoId } }` };
      default:
        // Written as text: a value this deep would overflow whoever walks it (fast-check's reporter too).
        return {
          body: `{"query":"mutation ($input: CreateMemoInput!) { createMemo(input: $input) { memoId } }","variables":{"input":${'{"content":'.repeat(depth)}" "${'}'.repeat(depth)}}}`,
        };
    }
  });

/** Variables that are the wrong type, huge, or many. */
const oddVariables: fc.Arbitrary<FuzzRequest> = fc
  .record({ keys: fc.integer({ min: 0, max: 70_000 }), value: fc.jsonValue({ maxDepth: 4 }), flag: fc.jsonValue({ maxDepth: 1 }) })
  .map(({ keys, value, flag }) => {
    const input: Record<string, unknown> = { content: ' ' };
    for (let i = 0; i < keys; i++) input[`k${i}`] = i;
    return {
      query:
        'mutation ($input: CreateMemoInput!, $flag: Boolean, $id: ID) { createMemo(input: $input) { memoId @include(if: $flag) } memo(memoId: $id) { memoId } }',
      variables: { input: keys > 0 ? input : value, flag, id: value },
    };
  });

/** A whole request: a generated document, deep nesting, odd variables, or a document with a few characters changed. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 8,
    arbitrary: fragmentChain.chain(({ count, text }) =>
      fc
        .tuple(
          fc.array(rootField(memoSelection(count)), { minLength: 1, maxLength: 4 }),
          fc.constantFrom('', 'Q', 'Q', 'Other'),
          fc.jsonValue({ maxDepth: 2 }),
          fc.constantFrom(undefined, 'Q', 'Nope', 42),
        )
        .map(([fields, name, variables, operationName]) => {
          const operation = fields[0]!.operation;
          const header = name === '' ? `${operation}` : `${operation} ${name}($flag: Boolean, $id: ID)`;
          return { query: `${header} { ${fields.map((field) => field.text).join(' ')} } ${text}`, variables, operationName };
        }),
    ),
  },
  { weight: 2, arbitrary: deepNesting },
  { weight: 1, arbitrary: oddVariables },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          '{ listMemos(limit: 5) { items { memoId content tags } nextToken } }',
          'query ($id: ID!) { memo(memoId: $id) { memoId } }',
          'mutation { createMemo(input: { content: "  " }) { memoId } }',
        ),
        fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 4 }),
      )
      .map(([query, edits]) => ({
        query: edits.reduce<string>(
          (text, [at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + 1),
          query,
        ),
      })),
  },
);
