import type { AddressInfo } from 'node:net';
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
