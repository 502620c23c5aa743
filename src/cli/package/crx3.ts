import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The CRX3 container Chrome and Edge install from (components/crx_file: crx3.proto), written
 * with node:crypto rather than `chromium --pack-extension`: ICT's build machine needs no
 * browser, and the zip inside is ours (reproducible, zip.ts). RSA PKCS#1 v1.5 signatures are
 * deterministic, so the same inputs and key give the same CRX bytes.
 *
 *   "Cr24" · version 3 (LE32) · header length (LE32) · CrxFileHeader · zip
 *   CrxFileHeader { 2: AsymmetricKeyProof sha256_with_rsa { 1: public key (SPKI DER), 2: signature }
 *                   10000: signed_header_data = SignedData { 1: crx_id (first 16 bytes of SHA-256 of the key) } }
 *   signed: "CRX3 SignedData\0" · LE32 length of signed_header_data · signed_header_data · zip
 */

const MAGIC = Buffer.from('Cr24');
const SIGNED_DATA_PREFIX = Buffer.from('CRX3 SignedData\x00', 'latin1');

function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}
/** A protobuf length-delimited field (wire type 2). */
const field = (number: number, bytes: Buffer) => Buffer.concat([varint(number * 8 + 2), varint(bytes.length), bytes]);

const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

export function publicKeyDer(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

/** Chrome's extension id: the first 16 bytes of SHA-256 of the public key, each hex digit as a–p. */
export function extensionIdOf(spkiDer: Buffer): string {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** ICT's packaging key: an RSA private key in PEM (PKCS#8 or PKCS#1, as openssl or Chrome write it). */
export function readPackagingKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the packaging key must be an RSA key, not ${key.asymmetricKeyType}`);
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error('the packaging key must be at least 2048 bits');
  return key;
}

export function crx3(zipBytes: Buffer, key: KeyObject): { crx: Buffer; id: string } {
  const spki = publicKeyDer(key);
  const crxId = createHash('sha256').update(spki).digest().subarray(0, 16);
  const signedHeaderData = field(1, crxId);
  const signature = sign('sha256', Buffer.concat([SIGNED_DATA_PREFIX, le32(signedHeaderData.length), signedHeaderData, zipBytes]), key);
  const header = Buffer.concat([field(2, Buffer.concat([field(1, spki), field(2, signature)])), field(10000, signedHeaderData)]);
  return { crx: Buffer.concat([MAGIC, le32(3), le32(header.length), header, zipBytes]), id: extensionIdOf(spki) };
}

/** Fields of a protobuf message made only of length-delimited fields. */
function fields(bytes: Buffer): [number, Buffer][] {
  const out: [number, Buffer][] = [];
  let at = 0;
  const read = () => {
    let n = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length || scale > 2 ** 49) throw new Error('not a CRX3 file: a truncated header');
      const b = bytes[at++]!;
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const tag = read();
    if ((tag & 7) !== 2) throw new Error(`unexpected wire type ${tag & 7}`);
    const length = read();
    out.push([Math.floor(tag / 8), bytes.subarray(at, at + length)]);
    at += length;
  }
  return out;
}

/** Reads a CRX3 as Chrome would: the RSA proof must sign the header data and zip, and name the key's id. */
export function readCrx3(crx: Buffer): { id: string; zip: Buffer } {
  if (!crx.subarray(0, 4).equals(MAGIC) || crx.readUInt32LE(4) !== 3) throw new Error('not a CRX3 file');
  const headerLength = crx.readUInt32LE(8);
  const header = fields(crx.subarray(12, 12 + headerLength));
  const zipBytes = crx.subarray(12 + headerLength);
  const signedHeaderData = header.find(([n]) => n === 10000)?.[1];
  const proofs = header.filter(([n]) => n === 2).map(([, b]) => Object.fromEntries(fields(b)) as Record<number, Buffer>);
  if (!signedHeaderData || proofs.length === 0) throw new Error('CRX3 without signed header data or RSA proof');
  const crxId = Object.fromEntries(fields(signedHeaderData))[1];
  const signed = Buffer.concat([SIGNED_DATA_PREFIX, le32(signedHeaderData.length), signedHeaderData, zipBytes]);
  const proof = proofs.find((p) => crxId && createHash('sha256').update(p[1]!).digest().subarray(0, 16).equals(crxId));
  if (!proof) throw new Error('no proof for the CRX id');
  if (!verify('sha256', signed, createPublicKey({ key: proof[1]!, format: 'der', type: 'spki' }), proof[2]!)) throw new Error('the CRX signature does not verify');
  return { id: extensionIdOf(proof[1]!), zip: Buffer.from(zipBytes) };
}
