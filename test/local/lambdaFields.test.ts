import { describe, expect, it } from 'vitest';
import { FUNCTION_MEMORY_MB } from '../../resolvers/fields.js';
import { lambdaContext } from '../../local/appsync/lambdaFields.js';

describe('the Lambda context handed to handlers', () => {
  it('reports the memory size infra deploys', () => {
    expect(lambdaContext('createMemo')).toMatchObject({
      functionName: 'memo-api-createMemo',
      memoryLimitInMB: String(FUNCTION_MEMORY_MB),
    });
  });
});
