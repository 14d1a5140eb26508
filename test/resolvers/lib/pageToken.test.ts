import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../resolvers/lib/errors.js';
import { decodePageToken, encodePageToken } from '../../../resolvers/lib/pageToken.js';

const KEY = 'page-token-test-key';
const MEMO_ID = '0b3f4a52-6c1e-4d7a-9f00-2a1b3c4d5e6f';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('page tokens', () => {
  it('round-trips the memo to start after', () => {
    expect(decodePageToken(encodePageToken(MEMO_ID, KEY), KEY)).toBe(MEMO_ID);
  });

  it.each([
    ['the body', (token: string) => token.indexOf('.') - 1],
    ['the signature', (token: string) => token.length - 1],
  ])('accepts only the issued spelling of the last character of %s (base64url spare bits)', (_part, lastIndex) => {
    const token = encodePageToken(MEMO_ID, KEY);
    const at = lastIndex(token);
    const accepted = [...BASE64URL].filter((char) => {
      const variant = token.slice(0, at) + char + token.slice(at + 1);
      try {
        return decodePageToken(variant, KEY) === MEMO_ID;
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return false;
      }
    });
    expect(accepted).toEqual([token[at]]);
  });
});
