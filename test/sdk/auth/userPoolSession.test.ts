import { describe, expect, it } from 'vitest';
import { UserPoolError } from '../../../sdk/src/auth/userPool/userPoolError.js';
import { UserPoolSession, type SignedInUser, type UserPoolSessionStore } from '../../../sdk/src/auth/userPool/userPoolSession.js';
import { signOut } from '../../../sdk/src/auth/userPool/userPoolSignIn.js';
import { TEST_USERS } from '../../helpers/localCredentials.js';
import { useLocalUserPool, usernameOf } from '../helpers/localUserPool.js';

// UserPoolSession against the local runtime's pool: what the web app and GraphiQL keep their user with.
const localUserPool = useLocalUserPool();

/** A store in memory, as sessionStorage would keep it. */
function memoryStore(): UserPoolSessionStore & { saved: (SignedInUser | undefined)[] } {
  const saved: (SignedInUser | undefined)[] = [];
  return { saved, load: () => saved.at(-1), save: (user) => void saved.push(user) };
}

describe('UserPoolSession', () => {
  it('signs in, hands out the ID token, tells its listeners and its store, and signs out', async () => {
    const store = memoryStore();
    const session = new UserPoolSession(localUserPool().pool, { store });
    let heard = 0;
    session.subscribe(() => heard++);
    await session.signIn('alice', TEST_USERS.alice);
    const user = session.current()!;
    expect(user.username).toBe('alice');
    expect(await session.idToken()).toBe(user.idToken);
    expect(session.auth.kind).toBe('userPool');
    expect(store.saved).toEqual([user]);

    await session.signOut();
    expect({ current: session.current(), heard, saved: store.saved.at(-1) }).toEqual({ current: undefined, heard: 2, saved: undefined });
    await expect(session.idToken()).rejects.toThrow('Not signed in');
  });

  it('resumes the session its store holds', async () => {
    const first = new UserPoolSession(localUserPool().pool, { store: memoryStore() });
    await first.signIn('bob', TEST_USERS.bob);
    const store = memoryStore();
    store.save(first.current());
    const resumed = new UserPoolSession(localUserPool().pool, { store });
    expect(resumed.current()?.username).toBe('bob');
    expect(await resumed.idToken()).toBe(first.current()!.idToken);
  });

  it('refreshes a token about to expire before handing it out, once for concurrent callers', async () => {
    // A margin longer than the tokens live: every token counts as about to expire.
    const session = new UserPoolSession(localUserPool().pool, { refreshMarginMs: 24 * 3600_000 });
    await session.signIn('alice', TEST_USERS.alice);
    const signedIn = session.current()!;
    const [one, two] = await Promise.all([session.idToken(), session.idToken()]);
    expect(one).toBe(two);
    expect(one).not.toBe(signedIn.idToken);
    expect(session.current()).toMatchObject({ username: 'alice', idToken: one, refreshToken: signedIn.refreshToken });
    expect(await usernameOf(localUserPool().localPool, session.current()!.accessToken)).toBe('alice');
  });

  it('ends when the pool refuses its refresh token, and says who and why', async () => {
    const session = new UserPoolSession(localUserPool().pool);
    await session.signIn('alice', TEST_USERS.alice);
    await signOut(localUserPool().pool, session.current()!.refreshToken); // signed out elsewhere
    await expect(session.refresh()).rejects.toBeInstanceOf(UserPoolError);
    expect(session.current()).toBeUndefined();
    expect(session.ended).toMatchObject({ username: 'alice', error: { type: 'NotAuthorizedException' } });

    await session.signIn('alice', TEST_USERS.alice);
    expect(session.ended).toBeUndefined();
  });

  it('keeps the session when the pool cannot be reached, and keepFresh reports the failure', async () => {
    const { pool } = localUserPool();
    const online = new UserPoolSession(pool);
    await online.signIn('bob', TEST_USERS.bob);
    const store = memoryStore();
    store.save(online.current());
    const offline = new UserPoolSession(
      { ...pool, endpoint: 'http://127.0.0.1:1/' },
      { store, refreshMarginMs: 24 * 3600_000, retryMs: 60_000 },
    );
    const failures: unknown[] = [];
    const stop = offline.keepFresh((error) => failures.push(error));
    await expect.poll(() => failures.length).toBe(1);
    stop();
    expect(failures[0]).toMatchObject({ type: 'NetworkError' });
    expect(offline.current()?.username).toBe('bob');
    expect(offline.ended).toBeUndefined();
  });
});
