import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { expect } from 'vitest';
import type { LocalIamPrincipal } from '../../../local/auth/iam/iamCredentials.js';
import { SignatureRejected } from '../../../local/auth/iam/sigv4Errors.js';
import { signAppSyncRequest, type SignAppSyncRequestInput } from '../../../sdk/src/auth/sigv4.js';
import type { SignedRequest } from '../../../local/auth/iam/sigv4Verifier.js';

/** The principal every SigV4 test verifies against (AWS's documented example key pair). */
export const principal: LocalIamPrincipal = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  accountId: '000000000000',
  userArn: 'arn:aws:iam::000000000000:user/memo-local-admin',
  username: 'AIDAEXAMPLEEXAMPLE123',
};

export const SIGNED_AT = new Date('2026-03-19T12:00:00Z');
export const GRAPHQL_URL = 'http://127.0.0.1:4000/graphql';
export const BODY = JSON.stringify({ query: 'query { listMemos { items { memoId } } }', variables: {} });

/** A GraphQL POST signed as aws-appsync-auth-link signs it, as the server would receive it. */
export async function signedRequest(input: Partial<SignAppSyncRequestInput> = {}): Promise<SignedRequest> {
  const url = new URL(input.url ?? GRAPHQL_URL);
  const body = input.body ?? BODY;
  const headers = await signAppSyncRequest({ url, body, credentials: principal, region: 'us-east-1', now: SIGNED_AT, ...input });
  return { method: 'POST', path: `${url.pathname}${url.search}`, headers, body };
}

/** Signs with the AWS SDK's signer directly, for what signAppSyncRequest will not produce. */
export async function sdkSignedRequest(options: {
  service?: string;
  headers?: Record<string, string>;
  sessionToken?: string;
}): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: { ...principal, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) },
    region: 'us-east-1',
    service: options.service ?? 'appsync',
    sha256: Hash.bind(null, 'sha256'),
  });
  const headers = options.headers ?? { host: '127.0.0.1:4000', 'content-type': 'application/json' };
  const signed = await signer.sign(
    { method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 4000, path: '/graphql', query: {}, headers, body: BODY },
    { signingDate: SIGNED_AT },
  );
  return { method: 'POST', path: '/graphql', headers: signed.headers, body: BODY };
}

/** The SignatureRejected a verification rejected with, its reason matching `reason`. */
export async function expectRejected(verification: Promise<unknown>, reason: RegExp): Promise<void> {
  const outcome = await verification.then(
    () => 'verified',
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(SignatureRejected);
  expect((outcome as SignatureRejected).reason).toMatch(reason);
}

/** The request with `name` (any case) set to `value`, or removed when `value` is undefined. */
export function withHeader(request: SignedRequest, name: string, value: string | undefined): SignedRequest {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([key]) => key.toLowerCase() !== name.toLowerCase()));
  return { ...request, headers: value === undefined ? headers : { ...headers, [name]: value } };
}

export function authorizationOf(request: SignedRequest): string {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === 'authorization');
  return String(entry?.[1]);
}
