import { describe, expect, it } from 'vitest';
import { ReportReply, ReportRequest } from './report-wire.ts';

const good = {
  id: '3b241101-e2bb-4255-8caf-4136c566a962',
  kind: 'inadvertent',
  url: 'https://www.example.com/page?q=1',
  host: 'www.example.com',
  category: 'pornography',
  accessedAt: '2026-11-24T12:30:00Z',
  reportedAt: '2026-11-24T12:31:05.123+00:00',
  note: 'Clicked a search result.',
  lineManagerEmail: 'manager@example.gov.uk',
  device: { extensionVersion: '0.1.0', browser: 'Chrome 156', group: 'office', policySerial: 7 },
};

function problems(change: Record<string, unknown>): string[] {
  const result = ReportRequest.safeParse({ ...good, ...change });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the report wire contract', () => {
  it('accepts a complete report, and one without the optional fields', () => {
    expect(problems({})).toEqual([]);
    const { note: _n, lineManagerEmail: _l, ...bare } = good;
    expect(ReportRequest.safeParse({ ...bare, category: '', device: { ...good.device, policySerial: null } }).success).toBe(true);
  });

  it.each([
    ['javascript:alert(1)', 'only http and https'],
    ['JAVASCRIPT:alert(1)', 'only http and https'],
    ['data:text/html,<script>alert(1)</script>', 'only http and https'],
    ['file:///etc/passwd', 'only http and https'],
    ['ftp://www.example.com/', 'only http and https'],
    ['https://user:secret@www.example.com/', 'user name or password'],
    ['https://user@www.example.com/', 'user name or password'],
    ['https://www.example.com/#token=abc', 'fragment'],
    ['not a url', 'not a URL'],
    [`https://www.example.com/${'a'.repeat(2048)}`, 'at most 2048'],
  ])('refuses the hostile URL %s', (url, why) => {
    expect(problems({ url }).join('\n')).toContain(why);
  });

  it('accepts a URL of exactly 2048 characters', () => {
    const url = `https://www.example.com/${'a'.repeat(2048 - 'https://www.example.com/'.length)}`;
    expect(url).toHaveLength(2048);
    expect(problems({ url })).toEqual([]);
  });

  it('refuses a host that is not the URL\'s own', () => {
    expect(problems({ host: 'www.council.gov.uk' })).toEqual(["host: must be the URL's host"]);
    expect(problems({ host: '<b>x</b>' }).join()).toContain('not a host name');
  });

  it.each(['not-an-email', 'a@', '@example.com', 'a b@example.com', '<script>@x.com', `${'a'.repeat(250)}@example.com`])(
    'refuses the line manager email %s',
    (lineManagerEmail) => {
      expect(problems({ lineManagerEmail })[0]).toMatch(/^lineManagerEmail:/);
    },
  );

  it('takes a user identity of up to 200 characters, and refuses an empty or longer one', () => {
    expect(ReportRequest.safeParse({ ...good, userIdentity: 'x'.repeat(200) }).success).toBe(true);
    expect(ReportRequest.safeParse({ ...good, userIdentity: 'x'.repeat(201) }).success).toBe(false);
    expect(ReportRequest.safeParse({ ...good, userIdentity: '' }).success).toBe(false);
  });

  it('refuses a note over 1000 characters, and takes one of 1000', () => {
    expect(problems({ note: 'x'.repeat(1001) })).toEqual(['note: at most 1000 characters']);
    expect(problems({ note: 'x'.repeat(1000) })).toEqual([]);
  });

  it('refuses wrong types, unknown kinds, unknown fields and ids that are not UUID v4', () => {
    expect(problems({ kind: 'misclassified' })[0]).toMatch(/^kind:/);
    expect(problems({ id: '3b241101-e2bb-1255-8caf-4136c566a962' })[0]).toMatch(/^id:/); // version 1
    expect(problems({ id: 42 })[0]).toMatch(/^id:/);
    expect(problems({ accessedAt: 'yesterday' })[0]).toMatch(/^accessedAt:/);
    expect(problems({ category: '../etc' })[0]).toMatch(/^category:/);
    expect(problems({ screenshot: 'data:image/png;base64,AAAA' })[0]).toMatch(/screenshot/);
    expect(problems({ device: { ...good.device, policySerial: '7' } })[0]).toMatch(/^device.policySerial:/);
  });

  it('replies with a readable receipt number', () => {
    expect(ReportReply.safeParse({ receipt: 'R-2026-000123' }).success).toBe(true);
    expect(ReportReply.safeParse({ receipt: '<b>' }).success).toBe(false);
  });
});
