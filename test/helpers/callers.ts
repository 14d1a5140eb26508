import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';

/** The user-pool user most resolver tests act as. */
export const DEFAULT_USER_SUB = '7d5e0b1c-1111-4a2b-8c3d-000000000001';
export const OTHER_USER_SUB = '9f8e7d6c-2222-4b3c-9d4e-000000000002';

/** A user-pool caller exactly as AppSync describes one to resolvers (ctx.identity of an ID token). */
export function userPoolCaller(sub: string = DEFAULT_USER_SUB, username = `user-${sub.slice(0, 8)}`): VerifiedCaller {
  const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1';
  return {
    authMode: 'AMAZON_COGNITO_USER_POOLS',
    identity: {
      sub,
      issuer,
      username,
      claims: { sub, iss: issuer, 'cognito:username': username, token_use: 'id', aud: 'testclientid0000000000000a' },
      sourceIp: ['127.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
      groups: null,
    },
  };
}

/** A back-office caller signed with IAM credentials, as AppSync describes it. */
export function iamCaller(): VerifiedCaller {
  return {
    authMode: 'AWS_IAM',
    identity: {
      accountId: '000000000000',
      cognitoIdentityPoolId: null,
      cognitoIdentityId: null,
      sourceIp: ['127.0.0.1'],
      username: 'AIDATESTBACKOFFICE0001',
      userArn: 'arn:aws:iam::000000000000:user/memo-back-office',
      cognitoIdentityAuthType: null,
      cognitoIdentityAuthProvider: null,
    },
  };
}
