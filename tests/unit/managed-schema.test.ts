import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceConfig } from '../../src/config/device-config.ts';
import { CHROME_ANY_TYPE_KEYWORDS, CHROME_KEYWORDS, chromePatternProblem, managedSchema, managedSchemaJson, type ChromeSchema } from '../../src/deploy/managed-schema.ts';
import { checkManagedValues } from '../../src/deploy/chrome-schema-check.ts';

const ROOT = join(import.meta.dirname, '../..');
const KEY = 'pX7JHzmhs4+7VWc+LSUmFGw2+6Q7m033jts3q2rvrBc=';

/** Every schema node, with where it is. */
function nodes(schema: ChromeSchema, path = '$'): [string, ChromeSchema][] {
  return [
    [path, schema],
    ...Object.entries(schema.properties ?? {}).flatMap(([k, v]) => nodes(v, `${path}.${k}`)),
    ...(schema.items ? nodes(schema.items, `${path}[]`) : []),
  ];
}

describe('public/managed_schema.json, generated from DeviceConfig', () => {
  it('is exactly what the generator writes (run `npm run managed-schema` after changing DeviceConfig)', () => {
    expect(readFileSync(join(ROOT, 'public/managed_schema.json'), 'utf8')).toBe(managedSchemaJson());
  });

  it('names every DeviceConfig setting, each with a title and description for ICT; the report token is masked', () => {
    const schema = managedSchema();
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(DeviceConfig.shape).sort());
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      expect(property.title, key).toMatch(/\w/);
      expect(property.description, key).toMatch(/\w{3,}/);
    }
    expect(schema.properties?.reportToken?.sensitiveValue).toBe(true);
    expect(schema.properties?.refreshMinutes).toMatchObject({ type: 'integer', minimum: 5, maximum: 1440 });
    expect(schema.properties?.trustedKeys?.items?.pattern).toBe('^[A-Za-z0-9+/]{43}=$');
  });

  it('uses only the keywords Chrome enforces for each type, with a root Chrome accepts', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'public/managed_schema.json'), 'utf8')) as ChromeSchema;
    expect(schema.type).toBe('object');
    expect(schema).not.toHaveProperty('additionalProperties');
    expect(schema).not.toHaveProperty('patternProperties');
    expect(schema).not.toHaveProperty('$ref');
    const found: string[] = [];
    for (const [path, node] of nodes(schema)) {
      expect(Object.keys(CHROME_KEYWORDS), path).toContain(node.type);
      const allowed = [...CHROME_ANY_TYPE_KEYWORDS, ...CHROME_KEYWORDS[node.type]];
      for (const keyword of Object.keys(node)) {
        found.push(keyword);
        expect(allowed, `${path} uses "${keyword}"`).toContain(keyword);
      }
      if (node.type === 'array') expect(node.items, `${path}: Chrome needs items on an array`).toBeDefined();
      if (node.pattern !== undefined) expect(chromePatternProblem(node.pattern), `${path} pattern`).toBeNull();
    }
    expect(found).toEqual(expect.arrayContaining(['pattern', 'minimum', 'sensitiveValue']));
  });

  it('refuses patterns Chrome cannot read or would read too loosely', () => {
    expect(chromePatternProblem('^(?!x)y$')).toMatch(/lookaround/);
    expect(chromePatternProblem('^(a)\\1$')).toMatch(/back-reference/);
    expect(chromePatternProblem('[a-z]+')).toMatch(/anchored/);
    expect(chromePatternProblem('^(?:a|b)$')).toBeNull();
  });

  it('never lets Chrome throw away a value the extension accepts (and catches what Chrome can check)', () => {
    const schema = managedSchema();
    const cases: [string, unknown][] = [
      ['policyUrl', 'https://aup.council.gov.uk/policy/manifest.json'],
      ['policyUrl', 'http://127.0.0.1:8080/policy/manifest.json'],
      ['policyUrl', 'http://policy.aup-guard.test:9/m.json'],
      ['policyUrl', 'http://aup.council.gov.uk/m.json'],
      ['policyUrl', 'http://evil.test.example.com/m.json'],
      ['policyUrl', 42],
      ['trustedKeys', [KEY]],
      ['trustedKeys', [KEY, 'nope']],
      ['trustedKeys', KEY],
      ['group', 'office'],
      ['group', 'Office Staff'],
      ['lineManagerEmail', 'line.manager@council.gov.uk'],
      ['lineManagerEmail', 'not an address'],
      ['reportEndpoint', 'https://aup.council.gov.uk/api/reports'],
      ['reportEndpoint', 'ftp://aup.council.gov.uk/'],
      ['reportToken', 's3cret-token'],
      ['refreshMinutes', 60],
      ['refreshMinutes', 4],
      ['refreshMinutes', 2000],
      ['refreshMinutes', 7.5],
      ['refreshMinutes', '60'],
      ['userIdentity', 'E12345'],
    ];
    let chromeRejected = 0;
    for (const [key, value] of cases) {
      const chrome = checkManagedValues({ [key]: value }, schema);
      const zod = (DeviceConfig.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key]!.safeParse(value).success;
      if (zod) expect(chrome.errors, `${key}=${JSON.stringify(value)}`).toEqual([]);
      if (chrome.errors.length > 0) chromeRejected++;
    }
    expect(chromeRejected, 'Chrome checks types, patterns and ranges too').toBeGreaterThanOrEqual(10);
    expect(checkManagedValues({ colour: 'blue' }, schema).dropped).toEqual(['colour']);
  });
});
