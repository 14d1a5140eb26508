/**
 * What graphiqlPage.ts puts in the page (the `local-api-config` script element) for its script:
 * paths resolved against the page's own origin, and the example operations.
 */
export interface GraphiqlPageConfig {
  readonly endpoint: string;
  readonly realtimePath: string;
  /** Served by httpApi.ts, same origin only: it holds the local users' passwords. */
  readonly clientConfigPath: string;
  readonly exampleOperations: string;
  readonly exampleVariables: string;
}
