import { buildSchema, execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { enforceAuthDirectives } from '../../../local/appsync/authDirectives.js';
import type { AuthMode } from '../../../local/appsync/appsyncUtil.js';
import { toAppSyncResponse } from '../../../local/appsync/appSyncResponse.js';

const schema = buildSchema(`
  directive @aws_cognito_user_pools on OBJECT | FIELD_DEFINITION
  directive @aws_iam on OBJECT | FIELD_DEFINITION
  type Query {
    open: String
    both: String @aws_cognito_user_pools @aws_iam
    iamOnly: String @aws_iam
    note: Note @aws_cognito_user_pools @aws_iam
  }
  type Note @aws_iam {
    text: String
    userText: String @aws_cognito_user_pools
  }
`);
enforceAuthDirectives(schema);
const root = { open: 'o', both: 'b', iamOnly: 'i', note: { text: 't', userText: 'u' } };

function run(query: string, authMode: AuthMode) {
  return execute({ schema, document: parse(query), rootValue: root, contextValue: { caller: { authMode } } }) as Promise<
    Parameters<typeof toAppSyncResponse>[0]
  >;
}

describe('auth directives, field by field as AppSync applies them', () => {
  it.each([
    [
      'a field with no directive on a type with none: the default mode (user pools) only',
      '{ open }',
      { AMAZON_COGNITO_USER_POOLS: 'o', AWS_IAM: null },
    ],
    ['a field naming both modes', '{ both }', { AMAZON_COGNITO_USER_POOLS: 'b', AWS_IAM: 'b' }],
    ['a field naming IAM only', '{ iamOnly }', { AMAZON_COGNITO_USER_POOLS: null, AWS_IAM: 'i' }],
    [
      "a field without directives on an IAM-only type: the type's modes",
      '{ note { text } }',
      { AMAZON_COGNITO_USER_POOLS: null, AWS_IAM: 't' },
    ],
    ["a field's own directive overriding its type's", '{ note { userText } }', { AMAZON_COGNITO_USER_POOLS: 'u', AWS_IAM: null }],
  ])('%s', async (_case, query, expected) => {
    for (const [mode, value] of Object.entries(expected) as [AuthMode, string | null][]) {
      const response = toAppSyncResponse(await run(query, mode));
      const field = /\{ (\w+)/.exec(query)![1]!;
      const data = response.data as Record<string, unknown>;
      const leaf = field === 'note' ? (data.note as Record<string, unknown> | null)?.[/note \{ (\w+)/.exec(query)![1]!] : data[field];
      expect(leaf ?? null, `${mode}`).toBe(value);
      if (value === null) {
        expect(response.errors).toEqual([
          expect.objectContaining({
            errorType: 'Unauthorized',
            message: expect.stringMatching(/^Not Authorized to access \w+ on type (Query|Note)$/),
          }),
        ]);
      }
    }
  });
});
