import { parseValue as parseLiteralText, type GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildLocalSchema } from '../../../local/appsync/localSchema.js';

// The merged schema as the runtime builds it, without resolvers (none are needed to check scalars).
const { schema, subscriptionTriggers } = buildLocalSchema(new Map());
const scalar = (name: string) => schema.getType(name) as GraphQLScalarType;

describe('AppSync scalars in the local schema', () => {
  it.each([
    ['AWSDateTime', '2024-02-29T13:45:00Z'],
    ['AWSDateTime', '2024-02-29T13:45:00.123+02:00'],
    ['AWSDate', '2024-02-29'],
    ['AWSDate', '2024-02-29-07:00'],
    ['AWSTime', '23:59:59.999Z'],
    ['AWSTime', '08:30'],
    ['AWSTimestamp', 1_700_000_000],
    ['AWSEmail', 'memo@example.com'],
    ['AWSURL', 'https://example.com/memos?id=1'],
    ['AWSPhone', '+1 (206) 555-0100'],
    ['AWSIPAddress', '192.168.0.1/24'],
    ['AWSIPAddress', '2001:db8::1'],
  ])('accepts the %s value %j', (name, value) => {
    expect(scalar(name).parseValue(value)).toEqual(value);
  });

  it.each([
    ['AWSDateTime', '2024-02-29T13:45:00'],
    ['AWSDateTime', '2023-02-29T13:45:00Z'],
    ['AWSDateTime', 'yesterday'],
    ['AWSDate', '2024-13-01'],
    ['AWSTime', '24:00:00'],
    ['AWSTimestamp', 1.5],
    ['AWSTimestamp', '1700000000'],
    ['AWSEmail', 'not an email'],
    ['AWSURL', 'example.com'],
    ['AWSPhone', 'call me'],
    ['AWSIPAddress', '999.1.1.1'],
    ['AWSJSON', '{not json'],
  ])('rejects the %s value %j with a GraphQL error', (name, value) => {
    expect(() => scalar(name).parseValue(value)).toThrow(`Invalid ${name} value`);
  });

  it('checks literals in the query text too', () => {
    expect(() => scalar('AWSDateTime').parseLiteral(parseLiteralText('"2024-01-01"'))).toThrow('Invalid AWSDateTime value "2024-01-01"');
    expect(scalar('AWSDate').parseLiteral(parseLiteralText('"2024-01-01"'))).toBe('2024-01-01');
  });

  it('hands resolvers parsed AWSJSON and returns it as JSON text, as AppSync does', () => {
    expect(scalar('AWSJSON').parseValue('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(scalar('AWSJSON').serialize({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('refuses to send a resolver result that is not a valid AWSDateTime', () => {
    expect(() => scalar('AWSDateTime').serialize('2024-01-01 10:00')).toThrow('Invalid AWSDateTime value');
  });

  it('reads which mutations fire each subscription from @aws_subscribe', () => {
    expect(Object.fromEntries(subscriptionTriggers)).toEqual({
      onCreateMemo: ['createMemo'],
      onUpdateMemo: ['updateMemo'],
      onDeleteMemo: ['deleteMemo'],
    });
  });
});
