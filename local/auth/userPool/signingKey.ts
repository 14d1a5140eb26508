import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { AuthFileError, type AuthFiles } from './authFiles.js';
import type { PublicJwks } from './types.js';

/** The pool's RS256 key: the private half signs tokens, the public half is the JWKS. */
export interface SigningKey {
  /** RFC 7638 thumbprint of the public key, sent as the tokens' `kid`. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwks: PublicJwks;
}

const ALG = 'RS256';

/**
 * The signing key kept in `signing-key.json` (a private JWK), created on first use. The same key
 * comes back on every start, so tokens survive a restart; a new data directory gets a new key.
 *
 * @throws AuthFileError when the stored key cannot be imported.
 */
export async function loadOrCreateSigningKey(files: AuthFiles): Promise<SigningKey> {
  const stored = await files.read<JWK>('signing-key.json');
  if (stored) return fromPrivateJwk(stored);
  const { privateKey } = await generateKeyPair(ALG, { modulusLength: 2048, extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const key = await fromPrivateJwk(privateJwk);
  await files.write('signing-key.json', { ...privateJwk, kid: key.kid, alg: ALG, use: 'sig' });
  return key;
}

async function fromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || !jwk.d)
    throw new AuthFileError('signing-key.json does not hold an RSA private key; delete the local-auth folder to make a new one');
  const publicJwk = { kty: jwk.kty, n: jwk.n, e: jwk.e };
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateKey = await importJWK({ ...jwk, alg: ALG }, ALG);
  if (privateKey instanceof Uint8Array)
    throw new AuthFileError('signing-key.json holds a symmetric key; delete the local-auth folder to make a new one');
  // `alg` and `use` pin the key to RS256 signatures: verifiers then refuse any other algorithm.
  return { kid, privateKey, jwks: { keys: [{ ...publicJwk, kid, alg: ALG, use: 'sig' }] } };
}
