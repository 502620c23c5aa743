/**
 * Every way a bundle can be refused, each with its own code and message. The extension shows
 * the message in its status and keeps enforcing the bundle it already trusts.
 */
export type BundleErrorCode =
  | 'malformed'
  | 'unknown-key'
  | 'bad-signature'
  | 'schema'
  | 'rollback'
  | 'serial-reused'
  | 'key-revoked'
  | 'expired'
  | 'not-yet-valid'
  | 'chunk-missing'
  | 'chunk-too-large'
  | 'chunk-size-mismatch'
  | 'chunk-hash-mismatch'
  | 'chunk-malformed'
  | 'fetch-failed';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'BundleError';
  }
}
