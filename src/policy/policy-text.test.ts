import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.ts';
import { CompiledPolicy, DEFAULT_EVENT_RETENTION_DAYS, eventRetentionDays } from './compiled-schema.ts';
import { pickText, policyLanguage } from './policy-text.ts';
import { SOURCE } from '../../tests/fixtures/policy.ts';

type Loose = Record<string, unknown>;
type Src = Loose & { aup: Loose; council: Loose; help: { helpdesk: Loose }; categories: Record<string, Loose>; schedules: { office: { breaks: { fixed: Loose[] } } } };
function source(edit: (s: Src) => void = () => undefined): unknown {
  const s = structuredClone(SOURCE) as never;
  edit(s);
  return s;
}
function compiled(raw: unknown) {
  const r = compilePolicy(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
}

describe('policy texts in English and Welsh (rules/)', () => {
  it('take plain strings as English only: the bundle stays format 2, with no translations', () => {
    const r = compiled(source());
    expect(r.policy.version).toBe(2);
    expect(r.policy.translations).toBeUndefined();
    expect(r.warnings.filter((w) => w.message.includes('Welsh'))).toEqual([]);
  });

  it('compile { en, cy } to the English where it always was and one English → Welsh map (format 3)', () => {
    const r = compiled(source((s) => {
      s.aup.summary = { en: 'Be good.', cy: 'Byddwch yn dda.' };
      s.categories.gambling!.title = { en: 'Gambling', cy: 'Gamblo' };
      s.categories.gambling!.clause = { en: 'No gambling.', cy: 'Dim gamblo.' };
      s.schedules.office.breaks.fixed[0]!.label = { en: 'Lunch', cy: 'Cinio' };
    }));
    expect(r.policy.version).toBe(3);
    expect(r.policy.aup.summary).toBe('Be good.');
    expect(r.policy.categories.find((c) => c.id === 'gambling')!.title).toBe('Gambling');
    expect(r.policy.translations).toEqual({ cy: { 'Be good.': 'Byddwch yn dda.', Gambling: 'Gamblo', 'No gambling.': 'Dim gamblo.', Lunch: 'Cinio' } });
    expect(CompiledPolicy.parse(r.policy).translations?.cy.Lunch).toBe('Cinio');
  });

  it('translate the council, the helpdesk and the file-type classes too (the download page shows them)', () => {
    const r = compiled(source((s) => {
      s.council.name = { en: 'Example Council', cy: 'Cyngor Enghreifftiol' };
      s.help.helpdesk.name = { en: 'ICT Service Desk', cy: 'Desg Gwasanaeth TGCh' };
      s.fileTypes = { classes: { software: { title: { en: 'Software', cy: 'Meddalwedd' }, clause: { en: 'Ask ICT.', cy: 'Gofynnwch i TGCh.' }, default: 'block', extensions: ['exe'], mimeTypes: [] } } };
    }));
    expect(r.policy.council.name).toBe('Example Council');
    expect(r.policy.help.helpdesk.name).toBe('ICT Service Desk');
    expect(r.policy.downloads.fileTypes[0]).toMatchObject({ title: 'Software', clause: 'Ask ICT.' });
    expect(r.policy.translations?.cy).toMatchObject({ 'Example Council': 'Cyngor Enghreifftiol', 'ICT Service Desk': 'Desg Gwasanaeth TGCh', Software: 'Meddalwedd', 'Ask ICT.': 'Gofynnwch i TGCh.' });
    const plain = compiled(source((s) => { s.council.name = { en: 'Example Council', cy: 'Cyngor Enghreifftiol' }; }));
    expect(plain.warnings.filter((w) => w.message.startsWith('no Welsh text')).map((w) => w.path)).toContain('help.helpdesk.name');
  });

  it('warn, text by text, when some texts have Welsh and others do not; and say the bundle needs format 3', () => {
    const r = compiled(source((s) => { s.categories.gambling!.title = { en: 'Gambling', cy: 'Gamblo' }; }));
    const paths = r.warnings.filter((w) => w.message.startsWith('no Welsh text')).map((w) => w.path);
    expect(paths).toContain('aup.title');
    expect(paths).toContain('categories.chat.clause');
    expect(paths).toContain('groups.office.title');
    expect(paths).not.toContain('categories.gambling.title');
    expect(r.warnings.some((w) => w.message.includes('needs compiled format 3'))).toBe(true);
  });

  it('refuse the same English with two different Welsh texts, and an empty cy', () => {
    const twice = compilePolicy(source((s) => {
      s.categories.gambling!.clause = { en: 'Limited.', cy: 'Cyfyngedig.' };
      s.categories.streaming!.clause = { en: 'Limited.', cy: 'Rhywbeth arall.' };
    }));
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.problems.map((p) => p.path)).toEqual(['categories.streaming.clause.cy']);
    const empty = compilePolicy(source((s) => { s.aup.title = { en: 'AUP', cy: '  ' }; }));
    expect(empty.ok).toBe(false);
  });
});

describe('choosing a policy text for the page', () => {
  const translations = { cy: { Gambling: 'Gamblo' } };
  it('picks by the UI language: Welsh when given, otherwise English marked as English', () => {
    expect(policyLanguage('cy')).toBe('cy');
    expect(policyLanguage('cy-GB')).toBe('cy');
    expect(policyLanguage('en-GB')).toBe('en');
    expect(policyLanguage('cs')).toBe('en');
    expect(pickText(translations, 'cy', 'Gambling')).toEqual({ text: 'Gamblo', lang: 'cy' });
    expect(pickText(translations, 'cy', 'Chat')).toEqual({ text: 'Chat', lang: 'en' });
    expect(pickText(translations, 'en', 'Gambling')).toEqual({ text: 'Gambling', lang: 'en' });
    expect(pickText(undefined, 'cy', 'Gambling')).toEqual({ text: 'Gambling', lang: 'en' });
  });
});

describe('retention of local events (rules/ retention.eventDays)', () => {
  it('is compiled into the bundle (format 3) and read back', () => {
    const r = compiled(source((s) => { s.retention = { eventDays: 30 }; }));
    expect(r.policy.version).toBe(3);
    expect(eventRetentionDays(CompiledPolicy.parse(r.policy))).toBe(30);
  });

  it('is the documented default when the bundle has none (format 2, or format 3 without it)', () => {
    expect(DEFAULT_EVENT_RETENTION_DAYS).toBe(90);
    expect(eventRetentionDays(CompiledPolicy.parse(compiled(source()).policy))).toBe(90);
  });

  it('refuses a period out of range, and a format-2 bundle that carries format-3 fields', () => {
    expect(compilePolicy(source((s) => { s.retention = { eventDays: 0 }; })).ok).toBe(false);
    const r = compiled(source());
    expect(CompiledPolicy.safeParse({ ...r.policy, retention: { eventDays: 30 } }).success).toBe(false);
    expect(CompiledPolicy.safeParse({ ...r.policy, version: 3, retention: { eventDays: 30 } }).success).toBe(true);
  });
});
