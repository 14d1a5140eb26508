import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { CombinedError } from '@urql/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EVERY_SERVER_ERROR_TYPE_COVERED, MemoApiRequestError, toMemoApiError, type MemoApiError } from '../../../sdk/src/errors.js';

const conflict = {
  message: 'Memo m1 is at version 3, not the expected version 2',
  errorType: 'VersionConflict',
  errorInfo: { memoId: 'm1', expectedVersion: 2, currentVersion: 3 },
  path: ['updateMemo'],
  locations: [{ line: 1, column: 40 }],
  data: null,
};
const typedConflict: MemoApiError = {
  errorType: 'VersionConflict',
  message: conflict.message,
  errorInfo: { memoId: 'm1', expectedVersion: 2, currentVersion: 3 },
  path: ['updateMemo'],
};
const unauthorizedBody = JSON.stringify({
  errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
});
const unauthorizedResponse = () =>
  new Response(unauthorizedBody, {
    status: 401,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'UnauthorizedException' },
  });

describe('toMemoApiError', () => {
  it('types an AppSync error object by errorType', () => {
    const error = toMemoApiError(conflict);
    expect(error).toEqual(typedConflict);
    if (error?.errorType === 'VersionConflict') expectTypeOf(error.errorInfo.currentVersion).toEqualTypeOf<number>();
    expect(toMemoApiError({ message: 'Taken', errorType: 'MemoAlreadyExists', errorInfo: { memoId: 'm1', currentVersion: null } })).toEqual(
      {
        errorType: 'MemoAlreadyExists',
        message: 'Taken',
        errorInfo: { memoId: 'm1', currentVersion: null },
      },
    );
    expect(toMemoApiError({ message: 'No', errorType: 'Unauthorized', errorInfo: {} })).toEqual({
      errorType: 'Unauthorized',
      message: 'No',
      errorInfo: null,
    });
  });

  it('finds it in a list, an urql CombinedError, an Apollo CombinedGraphQLErrors, or as a cause', () => {
    expect(toMemoApiError([{ message: 'other', errorType: 'DynamoDB:Whatever' }, conflict])).toEqual(typedConflict);
    expect(toMemoApiError(new CombinedError({ graphQLErrors: [conflict] }))).toEqual(typedConflict);
    expect(toMemoApiError(new CombinedError({ graphQLErrors: [conflict] }).graphQLErrors[0])).toEqual(typedConflict);
    expect(toMemoApiError(new CombinedGraphQLErrors({ data: null, errors: [conflict] }))).toEqual(typedConflict);
    expect(toMemoApiError(new Error('wrapped', { cause: new CombinedGraphQLErrors({ data: null, errors: [conflict] }) }))).toEqual(
      typedConflict,
    );
  });

  it('names a 401 UnauthorizedException from a MemoApiRequestError, an Apollo ServerError or urql’s parsed 401 body', () => {
    const expected = { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorInfo: null };
    expect(
      toMemoApiError(
        new MemoApiRequestError('You are not authorized to make this call.', { errorType: 'UnauthorizedException', status: 401 }),
      ),
    ).toEqual(expected);
    expect(
      toMemoApiError(
        new ServerError('Response not successful: Received status code 401', {
          response: unauthorizedResponse(),
          bodyText: unauthorizedBody,
        }),
      ),
    ).toEqual(expected);
    expect(toMemoApiError(new ServerError('Unauthorized', { response: unauthorizedResponse(), bodyText: 'not json' }))).toMatchObject({
      errorType: 'UnauthorizedException',
    });
    expect(
      toMemoApiError(new CombinedError({ graphQLErrors: JSON.parse(unauthorizedBody).errors, response: unauthorizedResponse() })),
    ).toEqual(expected);
  });

  it('is undefined only for what holds no AppSync error at all', () => {
    for (const value of [
      undefined,
      null,
      'VersionConflict',
      new Error('boom'),
      new CombinedError({ networkError: new Error('offline') }),
    ]) {
      expect(toMemoApiError(value)).toBeUndefined();
    }
    expect(toMemoApiError(new MemoApiRequestError('offline', { errorType: 'NetworkError', status: 0 }))).toBeUndefined();
  });

  it('keeps an errorType it does not know (a newer server’s) as Unrecognized, with what the server sent, never undefined', () => {
    const future = { message: 'The cursor is too old', errorType: 'SyncExpired', errorInfo: { cursor: 'c1' }, path: ['memoChanges'] };
    const error = toMemoApiError(future);
    expect(error).toEqual({
      errorType: 'Unrecognized',
      message: 'The cursor is too old',
      errorInfo: { errorType: 'SyncExpired', errorInfo: { cursor: 'c1' } },
      path: ['memoChanges'],
    });
    if (error?.errorType === 'Unrecognized') expectTypeOf(error.errorInfo.errorType).toEqualTypeOf<string>();
    expect(toMemoApiError(new CombinedError({ graphQLErrors: [future] }))).toMatchObject({
      errorType: 'Unrecognized',
      errorInfo: { errorType: 'SyncExpired' },
    });
    expect(toMemoApiError({ message: 'x', errorType: 'DynamoDB:ConditionalCheckFailedException' })).toMatchObject({
      errorType: 'Unrecognized',
      errorInfo: { errorType: 'DynamoDB:ConditionalCheckFailedException', errorInfo: null },
    });
    // A known type whose errorInfo lacks its fields is not trusted as that type, and not dropped either.
    expect(toMemoApiError({ message: 'x', errorType: 'VersionConflict', errorInfo: { memoId: 'm1' } })).toEqual({
      errorType: 'Unrecognized',
      message: 'x',
      errorInfo: { errorType: 'VersionConflict', errorInfo: { memoId: 'm1' } },
    });
    // A typed error elsewhere in the same value still wins.
    expect(toMemoApiError([future, conflict])).toEqual(typedConflict);
  });

  it('covers every errorType of the schema’s MemoErrorType (a new one fails the type-check until the SDK types it)', () => {
    const schema = readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');
    const enumValues = /enum MemoErrorType \{([^}]*)\}/
      .exec(schema)![1]!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[A-Za-z]+$/.test(line));
    expect(enumValues.length).toBeGreaterThanOrEqual(6);
    for (const errorType of enumValues) {
      expect(
        toMemoApiError({
          message: 'm',
          errorType,
          errorInfo: { field: 'f', memoId: 'm1', expectedVersion: 1, currentVersion: 2, retentionDays: 30 },
        })?.errorType,
      ).toBe(errorType);
    }
    expect(EVERY_SERVER_ERROR_TYPE_COVERED).toBe(true);
  });
});
