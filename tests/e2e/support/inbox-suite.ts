import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Driver } from './driver.ts';
import type { AxeViolation } from './axe.ts';
import { axeOnTab as axe, formatViolations } from './axe.ts';
import { startHarness, type Harness } from './harness.ts';
import { ROOT } from './paths.ts';
import { checkin } from '../../server/support/harness.ts';
import { E2E_ADMIN_PASSWORD, E2E_REPORT_TOKEN, startReportServer, type ReportServer } from './report-server.ts';

/*
 * The ICT inbox (`aup serve`) as ICT uses it, in a real browser: sign in, the reports list, a
 * report with hostile values, the acceptances page — each passes axe (WCAG 2.2 A/AA and best
 * practice), and a hostile value stays text.
 */

const SHOTS = join(ROOT, 'test-results/screenshots');
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

async function post(server: ReportServer, path: string, body: unknown): Promise<void> {
  const response = await fetch(server.endpoint.replace('/api/reports', path), {
    method: 'POST', headers: { authorization: `Bearer ${E2E_REPORT_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

export function inboxSuite(name: string, launch: () => Promise<Driver>) {
  describe(`${name}: the ICT inbox`, () => {
    let h: Harness;
    let server: ReportServer;
    let driver: Driver;
    const id = randomUUID();
    const deviceId = randomUUID();

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      h = await startHarness();
      server = await startReportServer(join(h.bundles, 'good-10'));
      const device = { extensionVersion: '0.1.0', browser: 'chrome', group: 'office', policySerial: 10 };
      const now = new Date().toISOString();
      await post(server, '/api/reports', {
        id, kind: 'wrongly-blocked', url: `https://www.example.com/${encodeURIComponent(HOSTILE)}`, host: 'www.example.com', category: 'gambling',
        accessedAt: now, reportedAt: now, note: HOSTILE, userIdentity: HOSTILE, device,
      });
      await post(server, '/api/acceptances', { id: randomUUID(), aupVersion: '2026.1', aupTitle: HOSTILE, policySerial: 10, acceptedAt: now, userIdentity: 'EMP-004217', device });
      await post(server, '/api/checkins', checkin({
        deviceId, at: now, deviceName: HOSTILE,
        findings: [{ id: 'incognito-available', severity: 'high', detail: HOSTILE }, { id: 'developer-mode', severity: 'medium' }],
      }));
      driver = await launch();
    });
    afterAll(async () => {
      await driver?.close();
      await server?.close();
      await h?.server.close();
      h?.cleanup();
    });

    it('sign-in, reports, a report with hostile values, acceptances, fleet status and a device: axe finds nothing, values stay text', async () => {
      const tab = await driver.newTab();
      // localhost: a secure context, where browsers keep the inbox's Secure session cookie over plain http.
      const base = server.endpoint.replace('/api/reports', '').replace('127.0.0.1', 'localhost');
      await tab.go(`${base}/inbox/`);
      await tab.waitForHref((u) => u.endsWith('/inbox/sign-in'));
      const pages: Array<[string, AxeViolation[]]> = [['sign-in', await axe(tab)]];
      await tab.fill('#password', E2E_ADMIN_PASSWORD);
      await tab.press('Enter');
      await tab.waitForHref((u) => u.endsWith('/inbox/reports'));
      pages.push(['reports', await axe(tab)]);
      await tab.screenshot(join(SHOTS, `inbox-reports-${driver.kind}.png`));

      await tab.go(`${base}/inbox/reports/${id}`);
      expect(await tab.text('main')).toContain(HOSTILE);
      pages.push(['report', await axe(tab)]);
      await tab.screenshot(join(SHOTS, `inbox-report-${driver.kind}.png`));

      await tab.go(`${base}/inbox/acceptances`);
      expect(await tab.text('main')).toContain('EMP-004217');
      pages.push(['acceptances', await axe(tab)]);
      await tab.screenshot(join(SHOTS, `inbox-acceptances-${driver.kind}.png`));

      await tab.go(`${base}/inbox/fleet`);
      pages.push(['fleet', await axe(tab)]);
      await tab.screenshot(join(SHOTS, `inbox-fleet-${driver.kind}.png`));
      await tab.go(`${base}/inbox/fleet/${deviceId}`);
      expect(await tab.text('main')).toContain(HOSTILE);
      pages.push(['device', await axe(tab)]);
      await tab.screenshot(join(SHOTS, `inbox-device-${driver.kind}.png`));

      expect(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0)).toBe(0);
      for (const [page, violations] of pages) expect(violations, `${page}:\n${formatViolations(violations)}`).toEqual([]);
      await tab.close();
    });
  });
}
