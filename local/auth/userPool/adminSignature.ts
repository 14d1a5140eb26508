import type { LocalIamPrincipal } from '../iam/iamCredentials.js';
import { parseAuthorization } from '../iam/sigv4Authorization.js';
import { SignatureRejected } from '../iam/sigv4Errors.js';
import { verifySigV4, type SignedRequest } from '../iam/sigv4Verifier.js';
import { CognitoError } from './cognitoErrors.js';

/**
 * How a pool learns who may call its admin actions. Kept out of LocalUserPoolOptions (types.ts),
 * which local/config.ts reads: iamCredentials.ts imports that config.
 */
export interface AdminOption {
  /**
   * The IAM principal whose SigV4-signed calls may use the admin actions (AdminCreateUser, …), as
   * an operator's credentials may on Cognito: the local runtime's. Without it every admin call is refused.
   */
  readonly adminPrincipal?: LocalIamPrincipal;
}

/** The service Cognito's user-pool API is signed for (the credential scope's service). */
export const COGNITO_SIGNING_SERVICE = 'cognito-idp';

const INVALID_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * Lets an admin action through only when the request is SigV4-signed for `cognito-idp` in the
 * pool's region by the local IAM principal, as Cognito lets through only IAM-signed admin calls.
 * Fails closed: no principal, no request or any doubt is a refusal.
 *
 * @throws {CognitoError} `MissingAuthenticationTokenException` when unsigned, `UnrecognizedClientException`
 *   for another access key, `InvalidSignatureException` for any other flaw (AWS's answers to each)
 */
export async function checkAdminSignature(
  request: SignedRequest | undefined,
  principal: LocalIamPrincipal | undefined,
  region: string,
): Promise<void> {
  const authorization = request && headerOf(request, 'authorization');
  if (!request || authorization === undefined)
    throw new CognitoError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  let accessKeyId: string | undefined;
  try {
    accessKeyId = parseAuthorization(authorization).accessKeyId;
  } catch (error) {
    throw new CognitoError('InvalidSignatureException', INVALID_SIGNATURE, { cause: error });
  }
  if (!principal || accessKeyId !== principal.accessKeyId)
    throw new CognitoError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  try {
    await verifySigV4(request, principal, { service: COGNITO_SIGNING_SERVICE, region });
  } catch (error) {
    if (!(error instanceof SignatureRejected)) throw error;
    throw new CognitoError('InvalidSignatureException', INVALID_SIGNATURE, { cause: error });
  }
}

function headerOf(request: SignedRequest, name: string): string | undefined {
  // A header given twice is left to verifySigV4, which refuses it.
  const value = Object.entries(request.headers).find(([key, entry]) => key.toLowerCase() === name && entry !== undefined)?.[1];
  return value === undefined || typeof value === 'string' ? value : value.join(',');
}
