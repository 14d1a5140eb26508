// @memo-api/client: the typed documents of the memo API, a client (HTTP + AppSync real-time) with
// Cognito user-pool or IAM auth, and its typed errors. The urql and Apollo adapters are the
// subpaths `@memo-api/client/urql` and `@memo-api/client/apollo`, so neither library is loaded here.

export { createMemoClient, type MemoClient, type MemoClientOptions, type MemoResult } from './core/client.js';
export { loadMemoClientConfig, parseMemoClientConfig, type LocalUser, type MemoClientConfig } from './core/config.js';
export { createAuthFetch, type AuthFetchOptions } from './core/authFetch.js';
export { toGraphQLRequest, type GraphQLRequest } from './core/graphqlRequest.js';
export {
  httpAuthHeaders,
  iamAuth,
  realtimeConnectHeader,
  realtimeStartAuthorization,
  userPoolAuth,
  type AuthProvider,
  type AwsCredentials,
} from './auth/providers.js';
export { UserPoolError } from './auth/userPool/userPoolError.js';
export { cognitoEndpoint, userPoolOf, type UserPool } from './auth/userPool/userPool.js';
export {
  refreshUserPoolTokens,
  signInWithPassword,
  signOut,
  signUpWithPassword,
  type UserPoolTokens,
} from './auth/userPool/userPoolSignIn.js';
export {
  UserPoolSession,
  type SignedInUser,
  type UserPoolSessionOptions,
  type UserPoolSessionStore,
} from './auth/userPool/userPoolSession.js';
export {
  createRealtimeClient,
  type RealtimeClient,
  type RealtimeClientSettings,
  type RealtimeCloseInfo,
  type RealtimeOptions,
  type Sink,
  type SubscribePayload,
  type WebSocketConstructor,
  type WebSocketLike,
} from './realtime/realtimeClient.js';
export { SubscriptionRefusedError } from './realtime/subscriptionRefusedError.js';
export {
  MemoApiRequestError,
  toMemoApiError,
  type AppSyncGraphQLError,
  type MemoApiError,
  type MemoApiErrorType,
  type UnrecognizedMemoApiError,
} from './errors.js';
export { PASSWORD_POLICY, PASSWORD_SYMBOLS } from './auth/passwordPolicy.js';
export { queryParameters } from './auth/sigv4Query.js';
export * from './generated/operations.js';
// The server's field rules (a copy of resolvers/lib/memoRules.ts, made by `npm run codegen`): a form can refuse exactly what the API would.
export {
  contentProblem,
  countChars,
  MEMO_LIMITS,
  normaliseTags,
  tagKey,
  tagProblem,
  tagsProblem,
  titleProblem,
  type MemoFieldProblem,
} from './generated/memoRules.js';
