import { useId, useRef, useState, type FormEvent } from 'react';
import { describeError } from '../api/errors.js';
import type { SessionKeeper } from '../auth/session.js';

interface SignInFormProps {
  readonly keeper: SessionKeeper;
  /** The local runtime's users (config.json `users`); empty on AWS. */
  readonly users: readonly { readonly username: string; readonly password: string }[];
}

/** Username and password, with the local users as a datalist and as one-click fills. */
export function SignInForm({ keeper, users }: SignInFormProps) {
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = useRef<HTMLButtonElement>(null);
  const pick = (user: { username: string; password: string }) => {
    setUsername(user.username);
    setPassword(user.password);
    submit.current?.focus();
  };

  async function signIn(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await keeper.signIn(username.trim(), password);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <form className="card" aria-labelledby={`${id}-heading`} onSubmit={(event) => void signIn(event)}>
      <h2 id={`${id}-heading`}>Sign in</h2>
      <label htmlFor={`${id}-username`}>Username</label>
      <input
        id={`${id}-username`}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        autoComplete="username"
        list={`${id}-users`}
        required
        autoFocus
      />
      <datalist id={`${id}-users`}>
        {users.map((user) => (
          <option key={user.username} value={user.username} />
        ))}
      </datalist>
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="current-password"
        required
      />
      {error && <p role="alert">{error}</p>}
      <button ref={submit} type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {users.length > 0 && (
        <div className="local-users">
          <p id={`${id}-users-hint`}>Local users (from the runtime's config.json):</p>
          <ul aria-describedby={`${id}-users-hint`}>
            {users.map((user) => (
              <li key={user.username}>
                <button type="button" className="link" onClick={() => pick(user)}>
                  Use {user.username}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
