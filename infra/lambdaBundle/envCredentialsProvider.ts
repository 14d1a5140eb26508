/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias in
 * memoApiStack.ts). Lambda hands every function its role's credentials in environment
 * variables; the full default chain (SSO, INI files, IMDS, STS web identity and the nested
 * clients behind them) is ~135 KB of minified bundle that never runs there, and parsing it
 * slows every cold start. Local runs import the handlers unbundled and keep the full chain.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
