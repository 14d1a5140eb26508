/**
 * Stand-in for resolvers/lib/logger.ts in the bench's "no observability" variant: the same
 * export, a logger that writes nothing, so the bundle carries no Powertools Logger.
 */
const silent = {
  info(): void {},
  warn(): void {},
  error(): void {},
  debug(): void {},
};

export function handlerLogger(): typeof silent {
  return silent;
}
