import type { LocalIamPrincipal } from './iamCredentials.js';

/**
 * AppSync's `identity` for an AWS_IAM caller, field for field (`AppSyncIdentityIAM` in
 * `@aws-appsync/utils` and `@types/aws-lambda`). Those types say `string` for the Cognito
 * identity-pool fields; AppSync sends null when the credentials did not come from an identity pool.
 * A type alias, not an interface, so it fits `VerifiedCaller['identity']` (a string-keyed record).
 */
export type IamIdentity = {
  readonly accountId: string;
  readonly cognitoIdentityPoolId: string | null;
  readonly cognitoIdentityId: string | null;
  /** Filled by the HTTP layer (x-forwarded-for plus the peer), as AppSync does; empty here. */
  readonly sourceIp: string[];
  readonly username: string;
  readonly userArn: string;
  readonly cognitoIdentityAuthType: string | null;
  readonly cognitoIdentityAuthProvider: string | null;
};

/** The identity a request verified for `principal` carries into resolvers. */
export function iamIdentityOf(principal: LocalIamPrincipal): IamIdentity {
  return {
    accountId: principal.accountId,
    cognitoIdentityPoolId: null,
    cognitoIdentityId: null,
    sourceIp: [],
    username: principal.username,
    userArn: principal.userArn,
    cognitoIdentityAuthType: null,
    cognitoIdentityAuthProvider: null,
  };
}
