/**
 * SHA-256 and HMAC-SHA-256 for `@smithy/signature-v4` on the Web Crypto API, which browsers and
 * Node ≥ 19 both have: the signer then needs no Node-only hash package (`@smithy/hash-node`).
 * The signer passes the HMAC key to the constructor and the data to `update`.
 */
export class WebCryptoSha256 {
  readonly #key: Uint8Array | undefined;
  #chunks: Uint8Array[] = [];

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#key = secret === undefined ? undefined : bytesOf(secret);
  }

  update(chunk: Uint8Array): void {
    this.#chunks.push(chunk);
  }

  async digest(): Promise<Uint8Array> {
    const data = concat(this.#chunks);
    if (this.#key === undefined) return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
    const key = await crypto.subtle.importKey('raw', this.#key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    return new Uint8Array(await crypto.subtle.sign('HMAC', key, data));
  }

  reset(): void {
    this.#chunks = [];
  }
}

function bytesOf(data: string | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}
