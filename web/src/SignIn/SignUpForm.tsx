import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../api/errors.js';
import type { SessionKeeper } from '../auth/session.js';

/**
 * Registers a user, then signs them in. The local pool confirms at once; Amazon Cognito sends a
 * code first, which this app cannot take yet (it says so).
 */
export function SignUpForm({ keeper }: { keeper: SessionKeeper }) {
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function register(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const signedIn = await keeper.signUp(username.trim(), password);
      if (!signedIn) setError('Check your email for a confirmation code: this app cannot take it yet.');
    } catch (failure) {
      setError(describeError(failure));
    }
    setBusy(false);
  }

  return (
    <form className="card" aria-labelledby={`${id}-heading`} onSubmit={(event) => void register(event)}>
      <h2 id={`${id}-heading`}>Sign up</h2>
      <label htmlFor={`${id}-username`}>New username</label>
      <input id={`${id}-username`} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required />
      <label htmlFor={`${id}-password`}>New password</label>
      <input
        id={`${id}-password`}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="new-password"
        aria-describedby={`${id}-policy`}
        required
      />
      <p id={`${id}-policy`} className="hint">
        At least 12 characters, with upper and lower case letters, a digit and a symbol.
      </p>
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing up…' : 'Sign up'}
      </button>
    </form>
  );
}
