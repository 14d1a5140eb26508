import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { invocationPlan, MEMO_ID_SLOT, memosToSeed } from '../../../bench/memory/invocationPlans.js';
import { MEMO_FIELDS } from '../../../resolvers/fields.js';

describe('invocationPlan', () => {
  it.each(MEMO_FIELDS.map((field) => [field.fieldName, field.typeName]))(
    'sends %s as AppSync invokes its Lambda for a signed-in user',
    (fieldName, typeName) => {
      const owner = randomUUID();
      const event = JSON.parse(invocationPlan(fieldName, owner, [], 10).eventJson);
      expect(Object.keys(event).sort()).toEqual(['arguments', 'identity', 'info', 'request', 'source', 'stash']);
      expect(event.identity).toMatchObject({ sub: owner, claims: { sub: owner, token_use: 'id' } });
      expect(event.info).toMatchObject({ fieldName, parentTypeName: typeName });
      // The APPSYNC_JS resolver forwards the headers without the caller's credentials.
      expect(event.request.headers).not.toHaveProperty('authorization');
    },
  );

  it('names the memo through the slot the loop fills, and gives deleteMemo one memo per invocation', () => {
    const ids = [randomUUID(), randomUUID()];
    const plan = invocationPlan('deleteMemo', randomUUID(), ids, 1);
    expect(JSON.parse(plan.eventJson).arguments).toEqual({ memoId: MEMO_ID_SLOT });
    expect(plan.memoIds).toEqual(ids);
    expect(memosToSeed('deleteMemo', 10_000)).toBe(10_001);
    expect(memosToSeed('createMemo', 10_000)).toBe(0);
  });

  it('updates without expectedVersion, so repeated updates of one memo all succeed', () => {
    const { input } = JSON.parse(invocationPlan('updateMemo', randomUUID(), [], 10).eventJson).arguments;
    expect(input).toMatchObject({ memoId: MEMO_ID_SLOT });
    expect(input).not.toHaveProperty('expectedVersion');
  });
});
