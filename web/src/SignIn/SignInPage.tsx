import type { SessionKeeper } from '../auth/session.js';
import type { AppConfig } from '../config.js';
import { SignInForm } from './SignInForm.js';
import { SignUpForm } from './SignUpForm.js';

/** Signed out: sign in (the local runtime's users offered as hints), or sign up. */
export function SignInPage({ config, keeper }: { config: AppConfig; keeper: SessionKeeper }) {
  return (
    <main className="auth">
      <h1>Memos</h1>
      {keeper.endedBecause && <p role="alert">{keeper.endedBecause}</p>}
      <div className="auth-forms">
        <SignInForm keeper={keeper} users={config.users ?? []} />
        <SignUpForm keeper={keeper} />
      </div>
    </main>
  );
}
