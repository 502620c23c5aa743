import type { SignedManifest } from './manifest.ts';

/**
 * What the bundle a device holds means for the next one, given the trust ICT configures now
 * (TUF: a rollback floor is only as good as the key and the source it was reached under).
 *
 *  - held, signed by a key that is still trusted, from the same policy URL: its serial is the
 *    floor (lower = rollback), and the same serial must carry the same content;
 *  - held, but from another policy URL: it stays in force until the new source answers, but sets
 *    no floor there (a serial reached elsewhere must not lock out ICT's own server);
 *  - held, but signed by a key ICT no longer trusts: it is dropped at once (the baseline enforces
 *    until a bundle signed by a trusted key arrives). This is also what undoes a bundle accepted
 *    under a development key before ICT's settings arrived.
 */
export type HeldTrust =
  | { kind: 'none' }
  | { kind: 'floor'; manifest: SignedManifest }
  | { kind: 'no-floor'; manifest: SignedManifest }
  | { kind: 'revoked'; manifest: SignedManifest };

export function heldTrust(held: SignedManifest | null, heldFrom: string | null, policyUrl: string, trustedKeyIds: readonly string[]): HeldTrust {
  if (!held) return { kind: 'none' };
  if (!trustedKeyIds.includes(held.keyId)) return { kind: 'revoked', manifest: held };
  return heldFrom === policyUrl ? { kind: 'floor', manifest: held } : { kind: 'no-floor', manifest: held };
}

/** Two manifests with the same content (as parsed): equal serials must mean equal bundles. */
export function sameManifest(a: SignedManifest, b: SignedManifest): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
