import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The files of a local user pool (and the handlers' page-token secret). Every one holds a secret or a hash, so all are written 0600. */
export type AuthFileName =
  'pool.json' | 'signing-key.json' | 'users.json' | 'refresh-tokens.json' | 'seed-passwords.json' | 'page-token-secret.json';

/** The one subfolder of the runtime's data directory the user pool owns (the rest is LevelDB's). */
export const AUTH_FOLDER = 'local-auth';

/** JSON documents of the user pool: on disk under `<dataDir>/local-auth/`, or in memory. */
export interface AuthFiles {
  /** The parsed document, or undefined when it does not exist yet. */
  read<T>(name: AuthFileName): Promise<T | undefined>;
  /** Replaces the document; writes to one file happen one after another, in call order. */
  write(name: AuthFileName, value: unknown): Promise<void>;
}

/** Thrown when a file of the pool cannot be read back: the message says which and what to do. */
export class AuthFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthFileError';
  }
}

/**
 * The pool's files for a data directory, or an in-memory stand-in when `dataDir` is null.
 *
 * @example
 * const files = authFilesIn('.data'); // keeps .data/local-auth/*.json
 */
export function authFilesIn(dataDir: string | null): AuthFiles {
  return dataDir === null ? inMemoryFiles() : diskFiles(join(dataDir, AUTH_FOLDER));
}

function inMemoryFiles(): AuthFiles {
  const documents = new Map<AuthFileName, string>();
  return {
    read<T>(name: AuthFileName) {
      const text = documents.get(name);
      return Promise.resolve(text === undefined ? undefined : (JSON.parse(text) as T));
    },
    // Stored as text so callers never share mutable objects with the "file", as on disk.
    write(name, value) {
      documents.set(name, JSON.stringify(value));
      return Promise.resolve();
    },
  };
}

function diskFiles(folder: string): AuthFiles {
  const queues = new Map<AuthFileName, Promise<void>>();
  let folderReady: Promise<unknown> | undefined;

  async function writeNow(name: AuthFileName, text: string): Promise<void> {
    folderReady ??= mkdir(folder, { recursive: true, mode: 0o700 });
    await folderReady;
    // Write a sibling and rename it over the file: a crash mid-write never leaves half a document,
    // and the new file is created 0600 whatever mode the old one had.
    const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, join(folder, name));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  return {
    async read<T>(name: AuthFileName) {
      const path = join(folder, name);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new AuthFileError(`${path} is not valid JSON; delete ${folder} to start the local user pool afresh`, { cause: error });
      }
    },
    write(name, value) {
      // Serialise now so the document reflects the state at call time, then queue behind earlier
      // writes of the same file so an older state can never land last.
      const text = `${JSON.stringify(value, null, 2)}\n`;
      const previous = queues.get(name) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => writeNow(name, text));
      queues.set(name, next);
      return next;
    },
  };
}
