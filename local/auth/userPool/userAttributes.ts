import { CognitoError } from './cognitoErrors.js';

/**
 * The standard attributes a client may set at sign-up. Others are refused as a pool with no
 * custom attributes refuses them; `sub` and `email_verified` belong to the pool.
 */
export const WRITABLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'email',
  'name',
  'given_name',
  'family_name',
  'nickname',
  'preferred_username',
]);

// Deliberately loose (Cognito's own check is loose too): one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * SignUp's `UserAttributes` (`[{ Name, Value }]`) as a record, checked against the schema.
 *
 * @throws CognitoError InvalidParameterException for a malformed list, an unknown attribute or a bad email.
 */
export function attributesFromWire(userAttributes: unknown): Record<string, string> {
  if (userAttributes === undefined || userAttributes === null) return {};
  if (!Array.isArray(userAttributes))
    throw new CognitoError('InvalidParameterException', 'UserAttributes must be a list of { Name, Value }');
  const attributes: Record<string, string> = {};
  for (const entry of userAttributes as unknown[]) {
    const { Name: name, Value: value } = (entry ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof name !== 'string' || typeof value !== 'string')
      throw new CognitoError('InvalidParameterException', 'UserAttributes must be a list of { Name, Value } strings');
    if (!WRITABLE_ATTRIBUTES.has(name))
      throw new CognitoError(
        'InvalidParameterException',
        `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
      );
    attributes[name] = value;
  }
  if (attributes.email !== undefined && !EMAIL.test(attributes.email))
    throw new CognitoError('InvalidParameterException', 'Invalid email address format.');
  return attributes;
}

/** A user's attributes as GetUser lists them: `sub` first, `email_verified` after a (locally auto-verified) email. */
export function attributesToWire(sub: string, attributes: Readonly<Record<string, string>>): { Name: string; Value: string }[] {
  const list = [{ Name: 'sub', Value: sub }, ...Object.entries(attributes).map(([Name, Value]) => ({ Name, Value }))];
  if (attributes.email !== undefined) list.push({ Name: 'email_verified', Value: 'true' });
  return list;
}
