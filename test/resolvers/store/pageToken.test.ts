import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../resolvers/lib/errors.js';
import { decodePageToken, encodePageToken } from '../../../resolvers/store/pageToken.js';

const KEY = 'page-token-test-key';
const OWNER = '7d5e0b1c-1111-4a2b-8c3d-000000000001';
const LAST = {
  ownerId: OWNER,
  memoId: '0b3f4a52-6c1e-4d7a-9f00-2a1b3c4d5e6f',
  createdAtId: '2026-11-25T18:00:00.000Z#0b3f4a52-6c1e-4d7a-9f00-2a1b3c4d5e6f',
};
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('page tokens', () => {
  it('round-trips the index key to continue after', () => {
    expect(decodePageToken(encodePageToken(LAST, KEY), KEY, OWNER)).toEqual(LAST);
  });

  it("refuses a token issued for another owner's list", () => {
    expect(() => decodePageToken(encodePageToken(LAST, KEY), KEY, '9f8e7d6c-2222-4b3c-9d4e-000000000002')).toThrow(ValidationError);
  });

  it.each([
    ['the body', (token: string) => token.indexOf('.') - 1],
    ['the signature', (token: string) => token.length - 1],
  ])('accepts only the issued spelling of the last character of %s (base64url spare bits)', (_part, lastIndex) => {
    const token = encodePageToken(LAST, KEY);
    const at = lastIndex(token);
    const accepted = [...BASE64URL].filter((char) => {
      const variant = token.slice(0, at) + char + token.slice(at + 1);
      try {
        return decodePageToken(variant, KEY, OWNER)?.memoId === LAST.memoId;
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return false;
      }
    });
    expect(accepted).toEqual([token[at]]);
  });
});
