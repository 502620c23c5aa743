import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey } from '../../bundle/signing.ts';
import { extensionIdOf, publicKeyDer } from '../package/crx3.ts';
import { CliError } from '../errors.ts';

/**
 * `aup keygen --packaging --out DIR`: ICT's packaging key (RSA 2048, PKCS#8 PEM, mode 0600), which
 * signs the CRX and fixes the Chrome/Edge extension id for good: keep it (and a backup) safe —
 * a new key is a new extension to every browser. Equivalent: openssl genrsa -out key.pem 2048.
 */
export function packagingKeygen(out: string, json: boolean): void {
  mkdirSync(out, { recursive: true });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const id = extensionIdOf(publicKeyDer(privateKey));
  const file = join(out, `aup-packaging-${id}.pem`);
  if (existsSync(file)) throw new CliError(`${file} already exists`);
  // 'wx': never over a file that appeared meanwhile (a key lost is an extension id lost for good).
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  if (json) {
    console.log(JSON.stringify({ extensionId: id, packagingKeyFile: file }));
    return;
  }
  console.log(`Extension id:   ${id}   (Chrome and Edge; the same for every release packaged with this key)`);
  console.log(`Packaging key:  ${file}   (keep it secret and backed up: aup package --key ${file})`);
}

/** `aup keygen --out DIR`: a new Ed25519 signing key (private JWK, mode 0600) and its public key. */
export async function keygen(out: string, json: boolean): Promise<void> {
  mkdirSync(out, { recursive: true });
  const { jwk, publicKeyBase64, keyId } = await generateSigningKey();
  const privateFile = join(out, `aup-signing-${keyId}.private.jwk.json`);
  const publicFile = join(out, `aup-signing-${keyId}.public.txt`);
  if (existsSync(privateFile)) throw new CliError(`${privateFile} already exists`);
  writeFileSync(privateFile, JSON.stringify(jwk, null, 2) + '\n', { mode: 0o600 });
  chmodSync(privateFile, 0o600);
  writeFileSync(publicFile, publicKeyBase64 + '\n');
  if (json) {
    console.log(JSON.stringify({ keyId, publicKey: publicKeyBase64, privateKeyFile: privateFile, publicKeyFile: publicFile }));
    return;
  }
  console.log(`Key id:       ${keyId}`);
  console.log(`Public key:   ${publicKeyBase64}`);
  console.log(`Private key:  ${privateFile}   (keep it secret: whoever holds it can publish policy)`);
  console.log(`Public file:  ${publicFile}   (give this to devices as a trusted key)`);
}
