import { concatBytes, fromBase64, sha256Hex, toBase64, utf8 } from './bytes.ts';

/*
 * Ed25519 through WebCrypto (the same API in Node, Chrome and Firefox): no hand-made crypto.
 * Signatures follow DSSE: the signature covers PAE(payloadType, payload), so the exact signed
 * bytes travel with the signature and nothing is re-serialised before checking.
 */

export const ED25519 = { name: 'Ed25519' } as const;

/** A public key ICT trusts, as given in managed config: 32 raw bytes in base64. */
export type TrustedKey = { keyId: string; key: CryptoKey };

/** DSSE pre-authentication encoding. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  return concatBytes([utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload]);
}

/** Key id: the first 16 hex digits of SHA-256 over the raw public key. */
export async function keyIdOf(rawPublicKey: Uint8Array): Promise<string> {
  return (await sha256Hex(rawPublicKey)).slice(0, 16);
}

export async function importTrustedKey(base64RawPublicKey: string): Promise<TrustedKey> {
  let raw: Uint8Array;
  try {
    raw = fromBase64(base64RawPublicKey.trim());
  } catch {
    throw new Error('trusted key is not base64');
  }
  if (raw.length !== 32) throw new Error(`trusted key must be 32 bytes of Ed25519 public key (got ${raw.length})`);
  const key = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, ED25519, true, ['verify']);
  return { keyId: await keyIdOf(raw), key };
}

export async function importTrustedKeys(base64Keys: readonly string[]): Promise<TrustedKey[]> {
  return Promise.all(base64Keys.map(importTrustedKey));
}

export type SigningKey = { keyId: string; privateKey: CryptoKey; publicKeyBase64: string };

/** A key pair as the CLI stores it: JWK of the private key (its `x` is the public key). */
export async function generateSigningKey(): Promise<{ jwk: JsonWebKey; publicKeyBase64: string; keyId: string }> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { jwk, publicKeyBase64: toBase64(raw), keyId: await keyIdOf(raw) };
}

function base64UrlToBytes(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

export async function importSigningKey(jwk: JsonWebKey): Promise<SigningKey> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d || !jwk.x) throw new Error('signing key must be an Ed25519 private JWK');
  const privateKey = await crypto.subtle.importKey('jwk', jwk, ED25519, false, ['sign']);
  const raw = base64UrlToBytes(jwk.x);
  return { keyId: await keyIdOf(raw), privateKey, publicKeyBase64: toBase64(raw) };
}

export async function sign(key: SigningKey, payloadType: string, payload: Uint8Array): Promise<string> {
  const sig = await crypto.subtle.sign(ED25519, key.privateKey, pae(payloadType, payload) as Uint8Array<ArrayBuffer>);
  return toBase64(new Uint8Array(sig));
}

export async function verifySignature(key: CryptoKey, payloadType: string, payload: Uint8Array, signature: Uint8Array): Promise<boolean> {
  return crypto.subtle.verify(ED25519, key, signature as Uint8Array<ArrayBuffer>, pae(payloadType, payload) as Uint8Array<ArrayBuffer>);
}
