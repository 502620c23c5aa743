import { closeSync, openSync, readSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { readBundle, type Fetcher } from '../../bundle/bundle-reader.ts';
import { BundleError } from '../../bundle/bundle-error.ts';
import { readBounded } from '../../bundle/bytes.ts';
import { importTrustedKeys } from '../../bundle/signing.ts';
import { CliError } from '../errors.ts';

/** Read a bundle file from a folder, never more than `maxBytes` (+1 to notice an over-long file). */
export function folderFetcher(dir: string): Fetcher {
  return async (path, maxBytes) => {
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir) + sep)) throw new Error(`path escapes the bundle: ${path}`);
    let fd: number;
    try {
      fd = openSync(file, 'r');
    } catch {
      throw new BundleError('chunk-missing', `${path} is missing`);
    }
    try {
      const buffer = new Uint8Array(maxBytes + 1);
      let length = 0;
      for (;;) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
        if (length > maxBytes) throw new RangeError(`more than ${maxBytes} bytes`);
      }
      return buffer.slice(0, length);
    } finally {
      closeSync(fd);
    }
  };
}

export function httpFetcher(base: string): Fetcher {
  return async (path, maxBytes) => {
    const response = await fetch(new URL(path, base.endsWith('/') ? base : `${base}/`));
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    return readBounded(response.body, maxBytes);
  };
}

export type VerifyArgs = { source: string; trustedKeys: string[]; minSerial: number | undefined; at: string | undefined; json: boolean };

/** `aup verify DIR|URL --trusted-key KEY`: check a bundle exactly as a device would. */
export async function verify(args: VerifyArgs): Promise<void> {
  if (args.trustedKeys.length === 0) throw new CliError('give at least one --trusted-key (base64) or --trusted-key-file');
  const now = args.at ? Date.parse(args.at) : Date.now();
  if (Number.isNaN(now)) throw new CliError(`--at: not an ISO date and time: "${args.at}"`, 2);
  const fetcher = /^https?:\/\//.test(args.source) ? httpFetcher(args.source) : folderFetcher(args.source);
  try {
    const result = await readBundle(fetcher, { trustedKeys: await importTrustedKeys(args.trustedKeys), minSerial: args.minSerial, now });
    const m = result.manifest;
    const hosts = m.chunks.reduce((n, c) => n + c.count, 0);
    if (args.json) console.log(JSON.stringify({ ok: true, serial: m.serial, keyId: m.keyId, issuedAt: m.issuedAt, expiresAt: m.expiresAt, chunks: m.chunks.length, hosts }));
    else console.log(`✔ ${args.source}: serial ${m.serial}, signed by ${m.keyId}, valid until ${m.expiresAt}; ${m.chunks.length} chunks, ${hosts} hosts verified`);
  } catch (error) {
    if (error instanceof BundleError) {
      if (args.json) console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }));
      throw new CliError(`✖ rejected: ${error.message}`);
    }
    throw error;
  }
}
