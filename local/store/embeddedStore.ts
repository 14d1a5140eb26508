import type { AddressInfo } from 'node:net';
import { ClassicLevel } from 'classic-level';
import dynalite from 'dynalite';

export interface EmbeddedStoreOptions {
  /** Directory for the LevelDB files; omit for an in-memory store. */
  dataDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface EmbeddedStore {
  /** DynamoDB endpoint URL, e.g. http://127.0.0.1:4567 */
  readonly endpoint: string;
  /** Stops serving and closes the database, flushing every acknowledged write. */
  close(): Promise<void>;
}

/**
 * Starts dynalite, a DynamoDB-API server on LevelDB, on the loopback interface by default.
 * Tables become ACTIVE at once (AWS takes seconds; nothing here needs to wait).
 */
export async function startEmbeddedStore(options: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const { dataDir, host = '127.0.0.1', port = 0 } = options;
  if (dataDir !== undefined) await assertDataDirFree(dataDir);
  const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

/** The data directory is held by another process: the embedded store refuses to share it. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The data directory ${dataDir} is in use by another process (probably another \`npm start\`). ` +
        'Stop that one, or choose another DATA_DIR (or --in-memory).',
      options,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * LevelDB locks its directory, but dynalite opens it lazily and a second process only fails at
 * its first request, with an uncaught error. Opening it here first turns that into a clear
 * error at start. (The lock is released between this probe and dynalite's open; two processes
 * starting in that same instant are not caught.)
 */
async function assertDataDirFree(dataDir: string): Promise<void> {
  const probe = new ClassicLevel(dataDir);
  try {
    await probe.open();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') throw new DataDirInUseError(dataDir, { cause: error });
    throw error;
  }
  await probe.close();
}
