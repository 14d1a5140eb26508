import { userPoolOf } from '@memo-api/client';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { SessionKeeper } from './auth/session.js';
import type { AppConfig } from './config.js';
import { MemosPage } from './Memos/MemosPage.js';
import { SignInPage } from './SignIn/SignInPage.js';

/** Signed out: the sign-in page; signed in: the user's memos. One SessionKeeper for the tab. */
export function App({ config }: { config: AppConfig }) {
  const keeper = useMemo(() => new SessionKeeper(userPoolOf(config)), [config]);
  useEffect(() => keeper.keepFresh(), [keeper]);
  const session = useSyncExternalStore(keeper.subscribe, keeper.current);

  if (!session) return <SignInPage config={config} keeper={keeper} />;
  // Keyed by the sign-in (its refresh token), not by the token refreshes in between.
  return <MemosPage key={session.refreshToken} config={config} keeper={keeper} username={session.username} />;
}
