import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_MESSAGE_LENGTH, MAX_REPORTED_ERRORS } from '../../../local/appsync/fixedLimits.js';
import { toAppSyncError } from '../../../local/appsync/appSyncResponse.js';
import type { RequestLimitExceeded } from '../../../local/appsync/requestLimitExceeded.js';
import { coerceVariableValues } from '../../../local/appsync/variableValues.js';
import { inputWithExtraKeys, nestedValue } from './hostileDocuments.js';

const schema = buildSchema(`
  input CreateMemoInput { memoId: ID title: String content: String! tags: [String!] }
  type Query { ok: Boolean }
  type Mutation { createMemo(input: CreateMemoInput!): ID }
`);
const definitions = (parse('mutation M($input: CreateMemoInput!) { createMemo(input: $input) }').definitions[0] as OperationDefinitionNode)
  .variableDefinitions!;
const coerce = (input: unknown) => coerceVariableValues(schema, definitions, { input });
const errorsOf = (input: unknown) => {
  const result = coerce(input);
  return 'errors' in result ? result.errors : [];
};

describe('coerceVariableValues', () => {
  it('refuses the 70,000-key input of the report with one short typed error, before coercion', () => {
    const errors = errorsOf(inputWithExtraKeys(70_000));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(
      'Variable $input has an object with 70000 fields that CreateMemoInput does not declare, more than the limit of 10',
    );
    expect((errors[0]?.originalError as RequestLimitExceeded).errorInfo).toEqual({ limit: 'unknownInputFields', max: MAX_REPORTED_ERRORS });
  });

  it(`reports at most ${MAX_REPORTED_ERRORS} errors (and graphql-js's notice) for a few unknown fields, each message shortened`, () => {
    const errors = errorsOf({ ...inputWithExtraKeys(MAX_REPORTED_ERRORS), content: 'x'.repeat(100_000) });
    expect(errors.length).toBeLessThanOrEqual(MAX_REPORTED_ERRORS + 1);
    expect(errors[0]?.message).toContain('is not defined by type "CreateMemoInput"');
    const answered = errors.map(toAppSyncError);
    expect(Math.max(...answered.map((error) => error.message.length))).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_LENGTH);
    expect(answered[0]?.message).toMatch(
      /^Variable "\$input" got invalid value \{ content: "xxx.* … .*is not defined by type "CreateMemoInput"\.$/,
    );
  });

  it.each([
    ['arrays', { content: 'x', tags: nestedValue(100_000, 'array') }],
    ['objects', { content: nestedValue(100_000, 'object') }],
  ])('refuses %s nested 100,000 deep in a variable with a typed error', (_case, input) => {
    const errors = errorsOf(input);
    expect(errors.map((error) => error.message)).toEqual(['Variable $input nests deeper than 200 levels']);
    expect((errors[0]?.originalError as RequestLimitExceeded).errorInfo).toEqual({ limit: 'nestingDepth', max: 200 });
  });

  it('coerces a good input as graphql-js does', () => {
    expect(coerce({ content: 'x', tags: ['a'] })).toEqual({ coerced: { input: { content: 'x', tags: ['a'] } } });
  });
});
