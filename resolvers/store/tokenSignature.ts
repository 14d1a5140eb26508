import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed opaque tokens the store hands clients (listMemos' and searchMemos' nextToken, memoChanges' cursor):
 * base64url of a JSON body, a dot, and a truncated HMAC-SHA256 of the body under the deployment's
 * secret. Each kind of token signs under its own purpose (a prefix inside the MAC), so a token of
 * one kind never verifies as another, whatever its body says.
 */
const MAC_BYTES = 16;

export type TokenPurpose = 'listMemos' | 'memoChanges' | 'searchMemos';

export function signToken(body: object, key: string, purpose: TokenPurpose): string {
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${encoded}.${mac(encoded, key, purpose).toString('base64url')}`;
}

/** The body of a token this deployment signed for `purpose`; undefined for anything else (forged, changed, another kind). */
export function openToken(token: unknown, key: string, purpose: TokenPurpose): unknown {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{1,50}$/.test(token)) return undefined;
  const [body, signature] = token.split('.') as [string, string];
  const given = Buffer.from(signature, 'base64url');
  // Canonical encodings only: base64url decoding ignores the last character's spare bits, so
  // without this check several spellings of one MAC would pass.
  if (given.length !== MAC_BYTES || given.toString('base64url') !== signature) return undefined;
  if (!timingSafeEqual(given, mac(body, key, purpose))) return undefined;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

// listMemos' tokens predate purposes: theirs is the bare body, so tokens already issued stay valid.
function mac(body: string, key: string, purpose: TokenPurpose): Buffer {
  const signed = purpose === 'listMemos' ? body : `${purpose}:${body}`;
  return createHmac('sha256', key).update(signed).digest().subarray(0, MAC_BYTES);
}
