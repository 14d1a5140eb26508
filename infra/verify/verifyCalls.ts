/** What an AWS call of `npm run verify` acts on, as far as IAM can name it before the stack exists. */
export type VerifyResource =
  /** The MemoApi-<stage> stack whose outputs `--stack` reads. */
  | { readonly kind: 'stack' }
  /** The deployment's user pool, where the throw-away users are made and removed. */
  | { readonly kind: 'userPool' }
  /** One field of the API, called with the operator's IAM credentials (SigV4). */
  | { readonly kind: 'graphqlField'; readonly typeName: 'Query' | 'Mutation' | 'Subscription'; readonly fieldName: string };

/** One IAM action verify needs, and what it acts on. */
export interface VerifyCall {
  /** `service:Action`, as in a policy statement. */
  readonly action: `${string}:${string}`;
  readonly resource: VerifyResource;
}

/**
 * Every AWS call `npm run verify` makes with the operator's credentials: the one list the deploy
 * role's statements are built from (infra/pipeline/githubDeployRoleStack.ts) and that
 * test/verify/verifyCalls.test.ts checks against what verify asks of the local runtime. The
 * throw-away users' own calls (signed with their tokens) need no IAM and are not listed.
 */
export const VERIFY_CALLS = [
  { action: 'cloudformation:DescribeStacks', resource: { kind: 'stack' } },
  { action: 'cognito-idp:AdminCreateUser', resource: { kind: 'userPool' } },
  { action: 'cognito-idp:AdminSetUserPassword', resource: { kind: 'userPool' } },
  { action: 'cognito-idp:AdminInitiateAuth', resource: { kind: 'userPool' } },
  { action: 'cognito-idp:AdminDeleteUser', resource: { kind: 'userPool' } },
  { action: 'appsync:GraphQL', resource: { kind: 'graphqlField', typeName: 'Query', fieldName: 'listMemos' } },
] as const satisfies readonly VerifyCall[];

/** The API name of a listed action of `service` (e.g. `DescribeStacks` of `cloudformation`). */
export type VerifyActionName<TService extends string> = (typeof VERIFY_CALLS)[number]['action'] extends infer TAction
  ? TAction extends `${TService}:${infer TName}`
    ? TName
    : never
  : never;

/**
 * The name of `action` for its API's wire, checked against the list at compile time.
 * @example
 * new URLSearchParams({ Action: verifyActionName('cloudformation', 'DescribeStacks') });
 */
export function verifyActionName<TService extends string>(
  _service: TService,
  name: VerifyActionName<TService>,
): VerifyActionName<TService> {
  return name;
}
