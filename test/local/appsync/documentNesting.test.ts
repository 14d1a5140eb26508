import { describe, expect, it } from 'vitest';
import { checkDocumentNesting } from '../../../local/appsync/documentNesting.js';
import { RequestLimitExceeded } from '../../../local/appsync/requestLimitExceeded.js';

const nested = (depth: number, open: string, close: string, inner: string) => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

describe('checkDocumentNesting', () => {
  it.each([
    ['selection sets', `{ ${nested(3000, 'a { ', '} ', 'b')} }`],
    ['inline fragments', `{ listMemos { ${nested(3000, '... on MemoConnection { ', '} ', 'nextToken')} } }`],
    ['list literals', `mutation { createMemo(input: { content: "x", tags: ${nested(3000, '[', ']', '')} }) { memoId } }`],
    ['object literals', `mutation { createMemo(input: ${nested(3000, '{ a: ', '} ', '1')}) { memoId } }`],
  ])('refuses %s nested 3,000 deep with a typed syntax error located at the level past the limit', (_case, query) => {
    const error = checkDocumentNesting(query, 200, 20_000);
    expect(error?.message).toBe('Syntax Error: the document nests deeper than 200 levels.');
    expect((error?.originalError as RequestLimitExceeded).errorInfo).toEqual({ limit: 'nestingDepth', max: 200 });
    expect(error?.locations?.[0]?.line).toBe(1);
  });

  it('accepts nesting up to the limit, and leaves text it cannot read to the parser', () => {
    expect(checkDocumentNesting(`{ ${nested(199, 'a { ', '} ', 'b')} }`, 200, 20_000)).toBeUndefined();
    expect(checkDocumentNesting('{ a(x: "unterminated) }', 200, 20_000)).toBeUndefined();
  });

  it('reads no further than the token limit (parse refuses the rest)', () => {
    expect(checkDocumentNesting(`${'a '.repeat(100)}${'{'.repeat(300)}`, 200, 100)).toBeUndefined();
  });
});
