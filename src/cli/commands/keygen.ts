import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey } from '../../bundle/signing.ts';
import { CliError } from '../errors.ts';

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
