import type { MemoClient } from '@memo-api/client';
import type { CheckRows } from './checkRows.js';
import type { ThrowawayUser } from './throwawayUsers.js';

/** How long the checks wait, in milliseconds. */
export interface VerifyTimings {
  /** For a new memo to show in a list or search (a global secondary index, eventually consistent on AWS). */
  readonly indexMs: number;
  /** For a subscription to start, and for an event to arrive. */
  readonly eventMs: number;
  /** How long another user's subscription must stay silent after an event it must not receive. */
  readonly quietMs: number;
}

/** One signed-in user and a client of the API authorized as them. */
export interface SignedInClient {
  readonly user: ThrowawayUser;
  readonly client: MemoClient;
}

/** What the checks share: the two users, an IAM client, the rows, and the memos to delete afterwards. */
export interface VerifyContext {
  readonly a: SignedInClient;
  readonly b: SignedInClient;
  /** Signed with the operator's IAM credentials (SigV4). */
  readonly iam: MemoClient;
  readonly rows: CheckRows;
  /** Every memo a check created, with its owner's client: deleted at the end whatever happened. */
  readonly created: { readonly owner: MemoClient; readonly memoId: string }[];
  readonly timings: VerifyTimings;
  /** A word only this run's memo holds, for the search. */
  readonly word: string;
}
