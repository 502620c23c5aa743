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
  return canonical(a) === canonical(b);
}

/**
 * JSON with every object's keys sorted: the same content compares equal whatever the key order.
 * Chromium's storage gives objects back with their keys sorted (measured: a held manifest read
 * from storage.local), while a fetched one keeps the build's order in its maps (per-group
 * download and safe-search settings): compared as text, the same bundle read as "serial reused".
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v);
}
