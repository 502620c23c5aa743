import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { format, localeOf, LOCALES } from '../../src/server/inbox/i18n.ts';
import { PASSWORD, testServer, workDir, type TestServer } from './support/harness.ts';

/*
 * The inbox's two locale files stay complete and in use, and a request that prefers Welsh gets
 * Welsh pages.
 */

const INBOX = 'src/server/inbox';
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** Everything wrong between two locale files and the code that uses them, one line each. */
function localeProblems(en: Messages, cy: Messages, sources: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(en)) if (!(key in cy)) problems.push(`cy lacks ${key}`);
  for (const key of Object.keys(cy)) if (!(key in en)) problems.push(`cy has ${key}, which en_GB does not`);
  for (const key of Object.keys(en)) if (!sources.includes(`'${key}'`)) problems.push(`${key} is not used by the inbox code`);
  for (const [name, messages] of [['en_GB', en], ['cy', cy]] as const) {
    for (const [key, entry] of Object.entries(messages)) {
      if (entry.message.trim() === '') problems.push(`${name} ${key} is empty`);
      const used = [...entry.message.matchAll(/\$(\w+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();
      const declared = Object.keys(entry.placeholders ?? {}).sort();
      if (used.join() !== declared.join()) problems.push(`${name} ${key} uses placeholders ${used.join()} but declares ${declared.join()}`);
      if (name === 'cy' && key in en && declared.join() !== Object.keys(en[key]!.placeholders ?? {}).sort().join()) problems.push(`cy ${key} has other placeholders than en_GB`);
    }
  }
  return problems;
}

const sources = readdirSync(INBOX).filter((f) => /\.tsx?$/.test(f)).map((f) => readFileSync(join(INBOX, f), 'utf8')).join('\n');
const file = (name: string) => JSON.parse(readFileSync(join(INBOX, 'locales', `${name}.json`), 'utf8')) as Messages;

describe('the inbox locale files', () => {
  it('finds each kind of problem (the check itself can fail)', () => {
    const en = { a: { message: 'A $n$', placeholders: { n: { content: '$1' } } }, b: { message: 'B' }, d: { message: 'D $x$' } };
    const cy = { a: { message: 'A' }, c: { message: ' ' }, d: { message: 'D $x$' } };
    expect(localeProblems(en, cy, "t('a') t('c') t('d')")).toEqual([
      'cy lacks b', 'cy has c, which en_GB does not', 'b is not used by the inbox code',
      'en_GB d uses placeholders x but declares ', 'cy a has other placeholders than en_GB', 'cy c is empty', 'cy d uses placeholders x but declares ',
    ]);
  });

  it('en_GB and cy have the same keys and placeholders, and every key is used by the inbox code', () => {
    expect(Object.keys(file('en_GB')).length).toBeGreaterThan(80);
    expect(localeProblems(file('en_GB'), file('cy'), sources)).toEqual([]);
  });

  it('has every Welsh message translated (only product and technical words stay as they are)', () => {
    const en = file('en_GB');
    const same = Object.entries(file('cy')).filter(([key, entry]) => entry.message === en[key]?.message).map(([key]) => key);
    expect(same).toEqual(['channelWebhook']);
  });

  it('are what the server loaded', () => {
    expect(LOCALES.en_GB).toEqual(file('en_GB'));
    expect(LOCALES.cy).toEqual(file('cy'));
  });
});

describe('choosing and filling messages', () => {
  it.each([
    [undefined, 'en_GB'], ['', 'en_GB'], ['cy', 'cy'], ['cy-GB,cy;q=0.9,en-GB;q=0.8', 'cy'], ['en-GB,en;q=0.9,cy;q=0.8', 'en_GB'],
    ['fr-FR,cy;q=0.7,en;q=0.5', 'cy'], ['en;q=0.5,cy;q=0.6', 'cy'], ['cy;q=0,en', 'en_GB'], ['de', 'en_GB'], ['CY', 'cy'], ['cy;q=abc, en;q=0.1', 'en_GB'], ['cy;q=2', 'en_GB'], ['cy ; q=0.5 , en;q=0.4', 'cy'],
  ])('Accept-Language %j gives %s', (header, locale) => {
    expect(localeOf(header)).toBe(locale);
  });

  it('fills named placeholders from the arguments, in the message\'s own order', () => {
    const entry = { message: '$B$ before $a$, $$5', placeholders: { a: { content: '$1' }, b: { content: '$2' } } };
    expect(format(entry, ['one', 'two'])).toBe('two before one, $5');
    expect(format(entry, ['$2', 'x'])).toBe('x before $2, $5'); // arguments are never read as placeholders
  });
});

describe('the inbox in Welsh', () => {
  let work: ReturnType<typeof workDir>;
  let server: TestServer;
  beforeAll(async () => {
    work = workDir('aup-inbox-cy-');
    server = await testServer(work.dir);
  });
  afterAll(async () => {
    await server.close();
    work.done();
  });

  it('renders sign-in and the signed-in pages in Welsh when Accept-Language prefers cy, in English otherwise', async () => {
    const welsh = { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' };
    const signIn = await fetch(`${server.url}/inbox/sign-in`, { headers: welsh });
    expect(signIn.headers.get('content-language')).toBe('cy');
    expect(signIn.headers.get('vary')).toContain('Accept-Language');
    const signInHtml = await signIn.text();
    expect(signInHtml).toContain('<html lang="cy">');
    expect(signInHtml).toContain('<h1>Mewngofnodi</h1>');
    expect(signInHtml).toContain('Neidio i\'r prif gynnwys');

    const wrong = await fetch(`${server.url}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: 'guess' }), headers: welsh });
    expect(await wrong.text()).toContain('Mae problem wedi codi');
    const right = await fetch(`${server.url}/inbox/sign-in`, { method: 'POST', body: new URLSearchParams({ password: PASSWORD }), redirect: 'manual' });
    const cookie = right.headers.get('set-cookie')!.split(';')[0]!;

    const acceptances = await (await fetch(`${server.url}/inbox/acceptances`, { headers: { cookie, ...welsh } })).text();
    expect(acceptances).toContain('<html lang="cy">');
    expect(acceptances).toContain('<h1>Derbyniadau</h1>');
    expect(acceptances).toContain('polisi defnydd derbyniol');
    expect(acceptances).not.toContain('Acceptances');
    const reports = await (await fetch(`${server.url}/inbox/reports`, { headers: { cookie, ...welsh } })).text();
    expect(reports).toContain('<h1>Adroddiadau</h1>');
    expect(reports).toContain('Does dim adroddiadau\'n cyfateb i\'r hidlau hyn.');
    const missing = await fetch(`${server.url}/inbox/nothing`, { headers: { cookie, ...welsh } });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Heb ddod o hyd i\'r dudalen');

    const english = await (await fetch(`${server.url}/inbox/acceptances`, { headers: { cookie, 'accept-language': 'en-GB,cy;q=0.5' } })).text();
    expect(english).toContain('<html lang="en-GB">');
    expect(english).toContain('<h1>Acceptances</h1>');
  });
});
