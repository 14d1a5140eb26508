import type { AppSyncIdentity } from 'aws-lambda';
import { Unauthorized, ValidationError } from './errors.js';
import { parseOwnerId } from './validation.js';

/**
 * Who is calling, as the handlers need to know it. The mode comes from AppSync's identity object
 * (which AppSync builds after verifying the credentials), never from a header or an argument.
 * - `user`: a Cognito user-pool caller, acting on their own memos only (`sub` is the owner id).
 * - `iam`: trusted back-office code signed with AWS IAM credentials, acting on anyone's memos.
 */
export type Caller = { readonly kind: 'user'; readonly sub: string } | { readonly kind: 'iam'; readonly userArn: string };

/**
 * @throws {Unauthorized} for a caller that is neither (no identity: an API key, or a mode the API
 * does not configure)
 */
export function callerOf(identity: AppSyncIdentity | null | undefined, field: { typeName: string; fieldName: string }): Caller {
  const fields = (identity ?? {}) as Record<string, unknown>;
  if (typeof fields.sub === 'string' && fields.sub !== '' && typeof fields.issuer === 'string' && !('userArn' in fields)) {
    return { kind: 'user', sub: fields.sub };
  }
  if (typeof fields.userArn === 'string' && typeof fields.accountId === 'string') return { kind: 'iam', userArn: fields.userArn };
  throw new Unauthorized(field.typeName, field.fieldName, 'the caller has no user-pool or IAM identity');
}

/** Whether the caller may see (read, change, delete, be told about) this memo. */
export function mayAccess(caller: Caller, memo: { readonly ownerId: string }): boolean {
  return caller.kind === 'iam' || memo.ownerId === caller.sub;
}

/** The owner a user-pool caller's writes are confined to; undefined for IAM (no confinement). */
export function confinedOwner(caller: Caller): string | undefined {
  return caller.kind === 'user' ? caller.sub : undefined;
}

/**
 * The owner an operation acts for: a user-pool caller is always their own owner and may not name
 * one; an IAM caller must name one (which user's memos to list, or who a new memo belongs to).
 *
 * @throws {Unauthorized} when a user-pool caller names an owner, even their own
 * @throws {ValidationError} when an IAM caller names none, or not a valid one
 */
export function ownerFor(caller: Caller, requested: unknown, at: { typeName: string; fieldName: string; argument: string }): string {
  if (caller.kind === 'user') {
    if (requested != null) throw new Unauthorized(at.typeName, at.fieldName, `${at.argument} is for IAM callers only`);
    return caller.sub;
  }
  if (requested == null) throw new ValidationError(at.argument, 'is required for IAM callers');
  return parseOwnerId(requested, at.argument);
}
