/**
 * The JSON text of `value`, UTF-8 encoded, in standard base64 (with `+`, `/` and padding): how
 * AppSync's real-time `header` travels. Browser-safe (`btoa`, `TextEncoder`).
 *
 * @example
 * base64Json({ host: 'example.com' }); // 'eyJob3N0IjoiZXhhbXBsZS5jb20ifQ=='
 */
export function base64Json(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
