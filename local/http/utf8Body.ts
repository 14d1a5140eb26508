const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A body's text, or undefined when its bytes are not well-formed UTF-8 (`80`, `C3 28`, the
 * overlong `C0 AF`, the encoded surrogate `ED A0 80`). Buffer's own toString would put U+FFFD in
 * their place and store text the client never sent.
 */
export function utf8Text(body: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}
