import { z } from 'zod';
import { DeviceConfig } from '../config/device-config.ts';

/**
 * public/managed_schema.json, generated from the zod `DeviceConfig` so the two can never drift
 * (tests/unit/managed-schema.test.ts fails if the committed file differs).
 *
 * Chrome reads the schema with its own JSON-Schema subset (policy-schemas/chromium/NOTES.md):
 * a keyword it does not know is silently ignored, an invalid schema stops the extension from
 * loading, and a value that fails it is thrown out whole before it reaches managed storage. So
 * only the keywords below are written; length limits, formats and defaults stay in zod, which
 * the extension checks again (and reports field by field) when the values arrive.
 */

export type ChromeSchema = {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  title?: string;
  description?: string;
  sensitiveValue?: boolean;
  properties?: Record<string, ChromeSchema>;
  required?: string[];
  items?: ChromeSchema;
  enum?: (string | number)[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
};

/** Which keywords Chrome enforces on which type (schema.cc); title, description and sensitiveValue go anywhere. */
export const CHROME_KEYWORDS: Record<ChromeSchema['type'], readonly string[]> = {
  object: ['properties', 'required'],
  array: ['items'],
  string: ['enum', 'pattern'],
  integer: ['enum', 'minimum', 'maximum'],
  number: [],
  boolean: [],
};
export const CHROME_ANY_TYPE_KEYWORDS = ['type', 'title', 'description', 'sensitiveValue'] as const;

/**
 * Chrome matches `pattern` with RE2, unanchored. RE2 has no lookaround or back-references, and
 * an unanchored pattern accepts any value that merely contains a match: both are refused here.
 */
export function chromePatternProblem(pattern: string): string | null {
  if (/\(\?[=!<]/.test(pattern)) return 'uses lookaround, which Chrome (RE2) cannot parse';
  if (/\\[1-9]/.test(pattern)) return 'uses a back-reference, which Chrome (RE2) cannot parse';
  if (!pattern.startsWith('^')) return 'is not anchored with ^ (Chrome accepts any value containing a match)';
  return null;
}

type JsonSchema = Record<string, unknown>;

function convert(source: JsonSchema, where: string): ChromeSchema {
  const type = source.type;
  if (typeof type !== 'string' || !(type in CHROME_KEYWORDS)) throw new Error(`${where}: Chrome needs one type per setting, not ${JSON.stringify(type)}`);
  const out: ChromeSchema = { type: type as ChromeSchema['type'] };
  if (typeof source.title === 'string') out.title = source.title;
  if (typeof source.description === 'string') out.description = source.description;
  if (source.sensitiveValue === true) out.sensitiveValue = true;
  if (type === 'object') {
    const properties = (source.properties ?? {}) as Record<string, JsonSchema>;
    out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, convert(v, `${where}.${k}`)]));
    if (Array.isArray(source.required) && source.required.length > 0) out.required = source.required as string[];
  }
  if (type === 'array') out.items = convert(source.items as JsonSchema, `${where}[]`);
  if ((type === 'string' || type === 'integer') && Array.isArray(source.enum)) out.enum = source.enum as (string | number)[];
  if (type === 'string' && typeof source.pattern === 'string') {
    // JavaScript writes `/` as `\/` in a RegExp's source; RE2 reads both, the plain one is clearer.
    const pattern = source.pattern.replaceAll('\\/', '/');
    const problem = chromePatternProblem(pattern);
    if (problem) throw new Error(`${where}: pattern ${pattern} ${problem}`);
    out.pattern = pattern;
  }
  if (type === 'integer') {
    if (typeof source.minimum === 'number') out.minimum = source.minimum;
    if (typeof source.maximum === 'number') out.maximum = source.maximum;
  }
  return out;
}

/** The managed-storage schema Chrome and Edge check ICT's `3rdparty` values against. */
export function managedSchema(): ChromeSchema {
  const source = z.toJSONSchema(DeviceConfig, { io: 'input', target: 'draft-2020-12' }) as JsonSchema;
  const schema = convert(source, 'DeviceConfig');
  // Each top-level setting is its own policy in Chrome and is checked on its own, so the root
  // has no `required`: the extension says which required setting is missing (device-config.ts).
  delete schema.required;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (!property.title || !property.description) throw new Error(`DeviceConfig.${key}: give it .meta({ title, description }) for ICT`);
  }
  return schema;
}

/** The file as committed: two-space JSON and a final newline. */
export function managedSchemaJson(): string {
  return JSON.stringify(managedSchema(), null, 2) + '\n';
}
