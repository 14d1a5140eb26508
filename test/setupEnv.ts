import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { deleteTestTable } from './helpers/testStore.js';

// Runs in each test file's worker before its imports: the store module reads these once.
// A table per test file keeps suites independent while they share one store (test/globalSetup.ts).
const tableName = `memoTable-test-${randomUUID()}`;
process.env.DYNAMODB_ENDPOINT = inject('dynamodbEndpoint');
process.env.TABLE_NAME = tableName;
process.env.AWS_REGION = 'us-east-1';
// Signs page tokens (required: resolvers/store/config.ts); a new one per worker, as per deployment.
process.env.PAGE_TOKEN_SECRET = randomBytes(32).toString('base64url');
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

afterAll(() => deleteTestTable(tableName));
