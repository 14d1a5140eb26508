/**
 * Every SigV4 request the local runtime refuses, whatever the cause. `reason` is for the logs:
 * AppSync answers a bad signature with a plain 401 `UnauthorizedException`, so the HTTP and
 * real-time layers should not forward it to clients.
 */
export class SignatureRejected extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`SigV4 request rejected: ${reason}`, options);
    this.name = 'SignatureRejected';
  }
}
