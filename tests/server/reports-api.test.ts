import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { clientAddress } from '../../src/server/http-io.ts';
import { RateLimiter } from '../../src/server/rate-limit.ts';
import { post, report, testServer, TOKEN, workDir, writeRepoBundle, type TestServer } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
let server: TestServer;
let bundleDir: string;

beforeAll(async () => {
  work = workDir('aup-api-');
  bundleDir = await writeRepoBundle(work.dir);
  server = await testServer(work.dir, { bundleDir });
});
afterAll(async () => {
  await server.close();
  work.done();
});

const stored = async () => (await server.store.list({ limit: 10_000 })).length;

/** Send something that must be refused: the status and error code, and nothing more stored. */
async function refused(body: unknown, headers: Record<string, string> = {}) {
  const before = await stored();
  const answer = await post(server.url, body, headers);
  expect(await stored(), 'nothing extra stored').toBe(before);
  expect(typeof answer.json.message).toBe('string');
  return answer;
}

describe('POST /api/reports', () => {
  it('stores a report once: 201 with a receipt, a replay 200 with the same receipt and nothing extra', async () => {
    const r = report();
    const first = await post(server.url, r);
    expect(first.status).toBe(201);
    expect(first.json.receipt).toMatch(/^R-\d{4}-\d{6}$/);
    const before = await stored();
    const again = await post(server.url, { ...r, note: 'sent again with another note' });
    expect(again).toMatchObject({ status: 200, json: { receipt: first.json.receipt } });
    expect(await stored()).toBe(before);
    expect((await server.store.get(r.id))?.note).toBeUndefined();
    const second = await post(server.url, report());
    expect(second.status).toBe(201);
    expect(second.json.receipt).not.toBe(first.json.receipt);
  });

  it('refuses malformed JSON', async () => {
    expect(await refused('{"id": "abc",')).toMatchObject({ status: 400, json: { error: 'malformed_json' } });
  });

  it('refuses wrong types, naming each field', async () => {
    const answer = await refused(report({ kind: 7, accessedAt: 'yesterday', device: { extensionVersion: '1', browser: 'x', group: '', policySerial: 'one' } }));
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_report');
    const paths = (answer.json.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['kind', 'accessedAt', 'device.policySerial']));
    expect((await refused([1, 2, 3])).status).toBe(400);
    expect((await refused('null')).status).toBe(400);
  });

  it('refuses an oversized body', async () => {
    const answer = await refused(report({ note: 'x'.repeat(40_000) }));
    expect(answer).toMatchObject({ status: 413, json: { error: 'too_large' } });
  });

  it('refuses a missing or wrong token', async () => {
    expect(await refused(report(), { authorization: '' })).toMatchObject({ status: 401, json: { error: 'unauthorised' } });
    expect((await refused(report(), { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await refused(report(), { authorization: `Basic ${TOKEN}` })).status).toBe(401);
  });

  it('refuses a body that is not JSON by type', async () => {
    expect(await refused(report(), { 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
  });

  it.each([
    ['a script URL', 'javascript:alert(document.cookie)', 'only http and https'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>', 'only http and https'],
    ['a non-http scheme', 'ftp://files.example.com/x', 'only http and https'],
    ['a very long URL', `https://www.example.com/${'a'.repeat(5000)}`, 'at most 2048'],
    ['a URL with a password', 'https://me:secret@www.example.com/', 'user name or password'],
  ])('refuses %s', async (_what, url, why) => {
    const answer = await refused(report({ url }));
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.json.issues)).toContain(why);
  });

  it('takes sensitivity from the served policy, never from the device', async () => {
    const porn = report({ category: 'pornography', url: 'https://adult.example/', host: 'adult.example' });
    expect((await post(server.url, porn)).status).toBe(201);
    expect((await server.store.get(porn.id))?.sensitive).toBe(true);
    const gambling = report();
    expect((await post(server.url, gambling)).status).toBe(201);
    expect(await server.store.get(gambling.id)).toMatchObject({ sensitive: false, categoryTitle: 'Gambling' });
    expect((await refused(report({ sensitive: false }))).status).toBe(400);
  });

  it('a software request (the download page): its category is a file-type class, titled from rules/file-types.yaml, never sensitive, and no line manager is told', async () => {
    const request = report({ kind: 'software-request', category: 'software', url: 'https://files.example.com/setup.exe', host: 'files.example.com', note: 'File: setup.exe', lineManagerEmail: 'manager@council.test' });
    expect((await post(server.url, request)).status).toBe(201);
    expect(await server.store.get(request.id)).toMatchObject({ kind: 'software-request', sensitive: false, categoryTitle: 'Software and scripts' });
    const channels = (await server.store.deliveriesOf(request.id)).map((d) => d.channel);
    expect(channels).toContain('mail-helpdesk');
    expect(channels).not.toContain('mail-line-manager');
  });

  it('limits reports per client, with Retry-After', async () => {
    const limited = await testServer(work.dir, { rateLimit: { perMinute: 60, burst: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await post(limited.url, report())).status);
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const answer = await post(limited.url, report());
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await limited.store.list({})).length).toBe(3);
    } finally {
      await limited.close();
    }
  });
});

describe('the client behind a proxy', () => {
  it('is named by X-Forwarded-For only when the connection comes from a trusted proxy', () => {
    const req = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded ? { 'x-forwarded-for': forwarded } : {} }) as never;
    expect(clientAddress(req('::ffff:10.0.0.9', '1.2.3.4'))).toBe('10.0.0.9');
    expect(clientAddress(req('10.0.0.1', 'spoofed, 1.2.3.4'), ['10.0.0.1'])).toBe('1.2.3.4');
    expect(clientAddress(req('10.0.0.1', '1.2.3.4, 10.0.0.2'), ['10.0.0.1', '10.0.0.2'])).toBe('1.2.3.4');
    expect(clientAddress(req('10.0.0.1'), ['10.0.0.1'])).toBe('10.0.0.1');
  });
});

describe('the rate limiter', () => {
  it('refills at its rate and keeps clients apart', () => {
    let now = 0;
    const limiter = new RateLimiter(60, 2, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 1]);
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });
});

describe('the bundle at /policy/', () => {
  it('answers 304 to a known ETag, compresses the manifest as asked, and refuses paths out of the folder', async () => {
    const plain = await fetch(`${server.url}/policy/manifest.json`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    const etag = plain.headers.get('etag')!;
    const bytes = (await plain.arrayBuffer()).byteLength;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${server.url}/policy/manifest.json`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    for (const encoding of ['br', 'gzip']) {
      // node's fetch decompresses: the header and the decoded length show it was compressed and intact.
      const compressed = await fetch(`${server.url}/policy/manifest.json`, { headers: { 'accept-encoding': encoding } });
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(Number(compressed.headers.get('content-length'))).toBeLessThan(bytes);
      expect((await compressed.arrayBuffer()).byteLength).toBe(bytes);
    }
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    // Chunks are named by their hash: cacheable for good by a CDN.
    const chunk = await fetch(`${server.url}/policy/chunks/${readdirSync(join(bundleDir, 'chunks'))[0]}`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/policy/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.url}/policy/nothing.json`)).status).toBe(404);
  });
});
