/**
 * The documented rule, quoted in the capacity report so a reader can check the arithmetic.
 * Source: Amazon DynamoDB Developer Guide, "DynamoDB item sizes and formats"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export const ITEM_SIZE_RULE =
  'item size = Σ over attributes of (UTF-8 bytes of the name + size of the value); a string is its UTF-8 bytes; ' +
  'a number is 1 byte per two significant digits + 1 byte; binary is its raw bytes; null and Boolean 1 byte; ' +
  'a List or Map is 3 bytes + Σ (1 byte + element size), a Map element counting its name too';

export const ITEM_SIZE_SOURCE = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html';

/**
 * The size DynamoDB bills an item at, in bytes, from the item as the document client takes it
 * (strings, numbers, booleans, null, Uint8Array, arrays as Lists, plain objects as Maps).
 *
 * @example
 * itemSizeBytes({ memoId: 'abc', version: 12 }); // (6 + 3) + (7 + 2) = 18
 * @throws {TypeError} for a value the documented rule does not cover (sets, undefined, bigint)
 */
export function itemSizeBytes(item: Readonly<Record<string, unknown>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += utf8Bytes(name) + valueSizeBytes(value);
  return size;
}

/** The size of one value, without an attribute name (a List element's size). */
export function valueSizeBytes(value: unknown): number {
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number') return numberSizeBytes(value);
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, element) => sum + 1 + valueSizeBytes(element), 0);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return (
      3 +
      Object.entries(value as Record<string, unknown>).reduce(
        (sum, [name, element]) => sum + 1 + utf8Bytes(name) + valueSizeBytes(element),
        0,
      )
    );
  }
  throw new TypeError(`no documented DynamoDB size for ${value instanceof Set ? 'a set' : typeof value}`);
}

/**
 * 1 byte per two significant digits, plus 1: leading and trailing zeroes, the sign and the
 * decimal point do not count (DynamoDB stores numbers as base-100 digits plus an exponent byte).
 */
function numberSizeBytes(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`DynamoDB stores no ${value}`);
  const digits = significantDigits(value);
  return Math.ceil(digits / 2) + 1;
}

function significantDigits(value: number): number {
  // Number's shortest round-trip form, as the document client sends it, without exponent.
  const [mantissa = ''] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
