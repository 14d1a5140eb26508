import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The security report's query: `fragment F<k> on Memo { ...F<k-1> ...F<k-1> }` for k < n, so
 * the last fragment written out naively holds 2^(n-1) copies of `memoId` (n = 18: 785 bytes).
 */
export function doublingFragmentsQuery(n: number): string {
  const fragments = Array.from({ length: n }, (_, k) =>
    k === 0 ? 'fragment F0 on Memo { memoId }' : `fragment F${k} on Memo { ...F${k - 1} ...F${k - 1} }`,
  );
  return `query Q { listMemos { items { ...F${n - 1} } } } ${fragments.join(' ')}`;
}

/** Like doublingFragmentsQuery, but each copy sits in its own inline fragment, so printing it keeps both. */
export function doublingInlineFragmentsQuery(n: number): string {
  const fragments = Array.from({ length: n }, (_, k) =>
    k === 0 ? 'fragment F0 on Memo { memoId }' : `fragment F${k} on Memo { ... on Memo { ...F${k - 1} } ... on Memo { ...F${k - 1} } }`,
  );
  return `query Q { listMemos { items { ...F${n - 1} } } } ${fragments.join(' ')}`;
}

/** `fragment F<k> on Memo { ...F<k-1> }`: no brackets nest, but the spreads do. */
export function fragmentChainQuery(n: number): string {
  const fragments = Array.from({ length: n }, (_, k) =>
    k === 0 ? 'fragment F0 on Memo { memoId }' : `fragment F${k} on Memo { ...F${k - 1} }`,
  );
  return `query Q { listMemos { items { ...F${n - 1} } } } ${fragments.join(' ')}`;
}

/** The createMemo input of the report: content plus `count` keys CreateMemoInput does not declare. */
export function inputWithExtraKeys(count: number): Record<string, unknown> {
  const input: Record<string, unknown> = { content: 'x' };
  for (let k = 0; k < count; k += 1) input[`k${k}`] = k;
  return input;
}

/** A value nested `depth` levels deep: arrays, or objects `{ a: … }`. */
export function nestedValue(depth: number, kind: 'array' | 'object', leaf: unknown = 'x'): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/**
 * The parsed operation and its fragments, with every lookup of a fragment counted: the work an
 * expansion does, measured without a clock.
 */
export function countingFragments(query: string): {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  lookups: () => number;
} {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const byName = Object.fromEntries(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  let count = 0;
  const fragments = new Proxy(byName, {
    get(target, name) {
      if (typeof name === 'string' && name in target) count += 1;
      return Reflect.get(target, name);
    },
  });
  return { document, operation, fragments, lookups: () => count };
}
