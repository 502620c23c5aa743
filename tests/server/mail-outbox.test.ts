import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryDelay } from '../../src/server/outbox.ts';
import { freePort, post, report, smtpSink, testServer, until, workDir, writeRepoBundle } from './support/harness.ts';

let work: ReturnType<typeof workDir>;
let bundleDir: string;

beforeAll(async () => {
  work = workDir('aup-mail-');
  bundleDir = await writeRepoBundle(work.dir);
});
afterAll(() => work.done());

const HELPDESK = 'ict.servicedesk@example.gov.uk'; // rules/policy.yaml help.helpdesk.email
const MANAGER = 'manager@example.gov.uk';

describe('reports in writing', () => {
  it('emails the helpdesk from the policy with the URL, and the line manager without the URL, host or note for a sensitive category', async () => {
    const sink = await smtpSink();
    const server = await testServer(work.dir, { bundleDir, smtpUrl: sink.url });
    try {
      const porn = report({
        category: 'pornography', url: 'https://adult-site.example/video/123?q=x', host: 'adult-site.example',
        lineManagerEmail: MANAGER, note: 'It was https://adult-site.example/video/123 from a search result',
      });
      const { json } = await post(server.url, porn);
      await until(() => sink.mails.length === 2, 10_000, 'two emails');
      const helpdesk = sink.mails.find((m) => m.to.includes(HELPDESK))!;
      const manager = sink.mails.find((m) => m.to.includes(MANAGER))!;
      expect(helpdesk.text).toContain('https://adult-site.example/video/123?q=x');
      expect(helpdesk.text).toContain('https://report.iwf.org.uk/');
      expect(helpdesk.text).toContain(String(json.receipt));
      for (const part of [manager.subject, manager.text]) {
        expect(part).not.toContain('adult-site');
        expect(part).not.toMatch(/https?:/);
      }
      expect(manager.text).toContain('Tuesday, 24 November 2026 at 12:30 (UK time)');
      expect(manager.text).toContain('Pornography and adult');
      expect(manager.text).toContain(String(json.receipt));
      // Delivered rows are marked, so nothing is sent twice.
      expect((await server.store.deliveriesOf(porn.id)).every((d) => d.deliveredAt !== null)).toBe(true);
    } finally {
      await server.close();
      await sink.close();
    }
  });

  it('names who reported, when ICT gives devices an identity: in both emails, the inbox and the CSV', async () => {
    const sink = await smtpSink();
    const server = await testServer(work.dir, { bundleDir, smtpUrl: sink.url });
    try {
      const r = report({ category: 'gambling', lineManagerEmail: MANAGER, userIdentity: 'EMP-004217' });
      await post(server.url, r);
      await until(() => sink.mails.length === 2, 10_000, 'two emails');
      expect(sink.mails.find((m) => m.to.includes(HELPDESK))!.text).toContain('Reported by: EMP-004217');
      expect(sink.mails.find((m) => m.to.includes(MANAGER))!.text).toContain('Who: EMP-004217');
      expect(await server.store.get(r.id)).toMatchObject({ userIdentity: 'EMP-004217' });
      const { reportsCsv } = await import('../../src/server/inbox/csv.ts');
      expect(reportsCsv([(await server.store.get(r.id))!])).toMatch(/user identity\r\n.*,EMP-004217\r\n$/s);
      // Without one, the helpdesk is told that ICT can set it.
      await post(server.url, report({ category: 'gambling' }));
      await until(() => sink.mails.length === 3, 10_000, 'a third email');
      expect(sink.mails[2]!.text).toContain('Reported by: not given');
    } finally {
      await server.close();
      await sink.close();
    }
  });

  it('gives the line manager the address for a category that is not sensitive', async () => {
    const sink = await smtpSink();
    const server = await testServer(work.dir, { bundleDir, smtpUrl: sink.url });
    try {
      await post(server.url, report({ category: 'gambling', lineManagerEmail: MANAGER }));
      await until(() => sink.mails.length === 2, 10_000, 'two emails');
      expect(sink.mails.find((m) => m.to.includes(MANAGER))!.text).toContain('https://www.example.com/page?q=1');
    } finally {
      await server.close();
      await sink.close();
    }
  });

  it('loses nothing while the mail server is down: the outbox retries until it is back', async () => {
    const port = await freePort();
    const server = await testServer(work.dir, { bundleDir, smtpUrl: `smtp://127.0.0.1:${port}` });
    try {
      const r = report({ lineManagerEmail: MANAGER });
      expect((await post(server.url, r)).status).toBe(201);
      await until(async () => (await server.store.deliveriesOf(r.id)).every((d) => d.attempts >= 2), 10_000, 'failed attempts');
      expect((await server.store.deliveriesOf(r.id)).every((d) => d.deliveredAt === null && d.lastError)).toBe(true);
      const sink = await smtpSink(port);
      try {
        await until(() => sink.mails.length === 2, 10_000, 'delivery after the mail server came back');
        expect(sink.mails.map((m) => m.to[0]).sort()).toEqual([HELPDESK, MANAGER].sort());
        await new Promise((ok) => setTimeout(ok, 300)); // a few more outbox passes: still two
        expect(sink.mails).toHaveLength(2);
      } finally {
        await sink.close();
      }
    } finally {
      await server.close();
    }
  });

  it('POSTs the report as JSON to the webhook, retrying after a failure', async () => {
    const bodies: unknown[] = [];
    let calls = 0;
    const hook = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (p: Buffer) => parts.push(p)).on('end', () => {
        calls++;
        if (calls === 1) return void res.writeHead(503).end(); // first try fails
        bodies.push(JSON.parse(Buffer.concat(parts).toString('utf8')));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok) => hook.listen(0, '127.0.0.1', ok));
    const server = await testServer(work.dir, { bundleDir, helpdeskEmail: null, webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` });
    try {
      const r = report();
      await post(server.url, r);
      await until(() => bodies.length === 1, 10_000, 'the webhook');
      expect(bodies[0]).toMatchObject({ type: 'aup-guard.report', report: { id: r.id, url: r.url, sensitive: false } });
      expect(calls).toBe(2);
    } finally {
      await server.close();
      await new Promise((ok) => hook.close(ok));
    }
  });
});

describe('retry delays', () => {
  it('double from the base up to the cap, with jitter of ±20 %', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 8000 };
    expect([1, 2, 3, 4, 5, 40].map((n) => retryDelay(n, o, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(retryDelay(1, o, () => 0)).toBe(800);
    expect(retryDelay(1, o, () => 1)).toBe(1200);
  });
});
