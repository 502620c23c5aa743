import { BundleError } from './bundle-error.ts';
import { fromBase64, fromUtf8, sha256Hex } from './bytes.ts';
import { Envelope, LIMITS, PAYLOAD_TYPE, SignedManifest, type ChunkRef } from './manifest.ts';
import { verifySignature, type TrustedKey } from './signing.ts';
import { sameManifest } from './trust-floor.ts';
import { decodeHostList } from '../match/host-list.ts';
import { decompressChunk } from './chunk-coding.ts';

export type VerifyOptions = {
  trustedKeys: readonly TrustedKey[];
  /** The serial of the bundle the device already holds: anything lower is a rollback. */
  minSerial?: number;
  /** The bundle held at that serial, when known: the same serial with other content is refused. */
  heldAtFloor?: SignedManifest;
  /** Epoch ms; passed in so tests and the extension agree on the clock. */
  now: number;
  /** Tolerated clock skew for `issuedAt` in the future. */
  skewMs?: number;
};

/** Run `work` as the named step (a timing hook: src/bundle/bundle-reader.ts); by default just runs it. */
export type Phase = <T>(name: string, work: () => Promise<T> | T) => Promise<T>;
const untimed: Phase = async (_name, work) => work();

export type VerifiedManifest = { manifest: SignedManifest; keyId: string };

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BundleError('malformed', `${what} is not JSON`);
  }
}

/**
 * Check a manifest envelope in the order TUF recommends: size, shape, a trusted key's
 * signature over the exact payload bytes, then the payload's schema, freshness and serial.
 */
export async function verifyManifest(bytes: Uint8Array, options: VerifyOptions): Promise<VerifiedManifest> {
  if (bytes.length > LIMITS.manifestBytes) throw new BundleError('malformed', `manifest is larger than ${LIMITS.manifestBytes} bytes`);
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    throw new BundleError('malformed', 'manifest is not UTF-8');
  }
  const envelope = Envelope.safeParse(parseJson(text, 'manifest'));
  if (!envelope.success) throw new BundleError('malformed', `manifest envelope: ${envelope.error.issues[0]?.message ?? 'invalid'}`);

  const known = new Map(options.trustedKeys.map((k) => [k.keyId, k.key]));
  const signature = envelope.data.signatures.find((s) => known.has(s.keyid));
  if (!signature) {
    const ids = envelope.data.signatures.map((s) => s.keyid).join(', ');
    throw new BundleError('unknown-key', `signed by ${ids}, which is not a trusted key`);
  }
  let payload: Uint8Array;
  let sig: Uint8Array;
  try {
    payload = fromBase64(envelope.data.payload);
    sig = fromBase64(signature.sig);
  } catch {
    throw new BundleError('malformed', 'payload or signature is not base64');
  }
  if (!(await verifySignature(known.get(signature.keyid)!, PAYLOAD_TYPE, payload, sig))) {
    throw new BundleError('bad-signature', `signature by key ${signature.keyid} does not match the manifest`);
  }

  let payloadText: string;
  try {
    payloadText = fromUtf8(payload);
  } catch {
    throw new BundleError('schema', 'signed payload is not UTF-8');
  }
  const parsed = SignedManifest.safeParse(parseJson(payloadText, 'signed payload'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleError('schema', `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const manifest = parsed.data;
  if (manifest.keyId !== signature.keyid) throw new BundleError('schema', 'keyId in the manifest differs from the signing key');
  const categories = new Set(manifest.policy.categories.map((c) => c.id));
  for (const chunk of manifest.chunks) {
    if (!categories.has(chunk.category)) throw new BundleError('schema', `chunk for unknown category "${chunk.category}"`);
  }
  if (options.minSerial !== undefined && manifest.serial < options.minSerial) {
    throw new BundleError('rollback', `serial ${manifest.serial} is lower than ${options.minSerial}, the serial already held`);
  }
  if (options.heldAtFloor && manifest.serial === options.heldAtFloor.serial && !sameManifest(manifest, options.heldAtFloor)) {
    throw new BundleError('serial-reused', `serial ${manifest.serial} is already held with other content: a new policy needs a higher serial`);
  }
  const expiresAt = Date.parse(manifest.expiresAt);
  if (options.now >= expiresAt) throw new BundleError('expired', `manifest expired at ${manifest.expiresAt}`);
  if (Date.parse(manifest.issuedAt) > options.now + (options.skewMs ?? 5 * 60_000)) {
    throw new BundleError('not-yet-valid', `manifest is issued in the future (${manifest.issuedAt})`);
  }
  if (Date.parse(manifest.issuedAt) >= expiresAt) throw new BundleError('schema', 'manifest expires before it is issued');
  return { manifest, keyId: signature.keyid };
}

/** Check one chunk's bytes against its reference, decompress within the declared size, decode. */
export async function verifyChunk(ref: ChunkRef, bytes: Uint8Array, phase: Phase = untimed): Promise<string[]> {
  if (bytes.length > ref.size) throw new BundleError('chunk-too-large', `chunk ${ref.category} has ${bytes.length} bytes, ${ref.size} declared`);
  if (bytes.length !== ref.size) throw new BundleError('chunk-size-mismatch', `chunk ${ref.category} has ${bytes.length} bytes, ${ref.size} declared`);
  if ((await phase(`hash chunk ${ref.category}`, () => sha256Hex(bytes))) !== ref.sha256) throw new BundleError('chunk-hash-mismatch', `chunk ${ref.category} does not match its SHA-256`);
  let raw: Uint8Array;
  try {
    raw = await phase(`decompress chunk ${ref.category}`, () => decompressChunk(bytes, ref.coding, ref.rawSize));
  } catch (error) {
    const tooBig = /exceed|more than|too large/i.test((error as Error).message);
    throw new BundleError(tooBig ? 'chunk-too-large' : 'chunk-malformed', `chunk ${ref.category}: ${(error as Error).message}`);
  }
  if (raw.length !== ref.rawSize) throw new BundleError('chunk-malformed', `chunk ${ref.category} decompresses to ${raw.length} bytes, ${ref.rawSize} declared`);
  let hosts: string[];
  try {
    hosts = await phase(`decode chunk ${ref.category}`, () => decodeHostList(raw));
  } catch (error) {
    throw new BundleError('chunk-malformed', `chunk ${ref.category}: ${(error as Error).message}`);
  }
  if (hosts.length !== ref.count) throw new BundleError('chunk-malformed', `chunk ${ref.category} holds ${hosts.length} hosts, ${ref.count} declared`);
  return hosts;
}
