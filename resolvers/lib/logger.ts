import { Logger } from '@aws-lambda-powertools/logger';

/** One structured JSON logger for all handlers; level and service name come from POWERTOOLS_* env. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'memo-api' });
