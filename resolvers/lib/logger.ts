import { Logger } from '@aws-lambda-powertools/logger';

/** The service every log line and trace names: infra sets it as POWERTOOLS_SERVICE_NAME, the logger falls back to it. */
export const SERVICE_NAME = 'memo-api';

let logger: Logger | undefined;

/**
 * One structured JSON logger for all handlers. Powertools takes its level and service name from
 * POWERTOOLS_* in the environment, so it is built at the first log line, not at import: importing
 * a handler reads no environment.
 */
export function handlerLogger(): Logger {
  return (logger ??= new Logger({ serviceName: SERVICE_NAME }));
}
