import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

// Runs in each test file's worker before its imports: the store module reads these once.
// A table per test file keeps suites independent while they share one dynalite.
process.env.DYNAMODB_ENDPOINT = inject('dynamodbEndpoint');
process.env.TABLE_NAME = `memoTable-test-${randomUUID()}`;
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
