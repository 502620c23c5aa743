import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createSecureContext, createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './paths.ts';

/**
 * A TLS endpoint that records the server name (SNI) of every ClientHello it receives, before
 * any certificate check: it shows whether a browser contacted a host at all, even when the
 * connection then fails (its certificate is self-signed and trusted by nobody).
 */
export type SniServer = { port: number; names: string[]; close(): Promise<void> };

export async function startSniServer(port = 0): Promise<SniServer> {
  const dir = tempDir('tls');
  const key = join(dir.path, 'key.pem');
  const cert = join(dir.path, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=aup-guard-test'], { stdio: 'ignore' });
  const context = createSecureContext({ key: readFileSync(key), cert: readFileSync(cert) });
  const names: string[] = [];
  const server: Server = createServer({
    SNICallback: (name, done) => {
      names.push(name.toLowerCase());
      done(null, context);
    },
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    names,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      dir.remove();
    }),
  };
}
