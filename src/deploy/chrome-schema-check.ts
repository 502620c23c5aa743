import type { ChromeSchema } from './managed-schema.ts';

/**
 * Checks a value as Chrome checks a `3rdparty` policy value against the extension's managed
 * schema (policy-schemas/chromium/NOTES.md, schema.cc): one type per schema, `pattern`
 * unanchored, integer range, `required`, every array item; unknown keys are dropped by Chrome,
 * so they are reported separately. A failure means Chrome throws the whole setting away.
 */
export type SchemaCheck = { errors: string[]; dropped: string[] };

function typeOk(type: ChromeSchema['type'], value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
  }
}

function check(value: unknown, schema: ChromeSchema, path: string, out: SchemaCheck): void {
  if (!typeOk(schema.type, value)) {
    out.errors.push(`${path}: must be ${schema.type === 'integer' ? 'a whole number' : `a ${schema.type}`}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(value as string | number)) out.errors.push(`${path}: must be one of ${schema.enum.join(', ')}`);
  else if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value as string)) out.errors.push(`${path}: does not match ${schema.pattern}`);
  if (schema.type === 'integer' && !schema.enum) {
    const n = value as number;
    if ((schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum)) {
      out.errors.push(`${path}: must be from ${schema.minimum ?? '…'} to ${schema.maximum ?? '…'}`);
    }
  }
  if (schema.type === 'array') (value as unknown[]).forEach((item, i) => check(item, schema.items!, `${path}[${i}]`, out));
  if (schema.type === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) out.errors.push(`${path}.${key}: required`);
    for (const [key, item] of Object.entries(object)) {
      const property = schema.properties?.[key];
      if (property) check(item, property, `${path}.${key}`, out);
      else out.dropped.push(`${path}.${key}`);
    }
  }
}

/** `settings`: the `3rdparty` object for one extension, checked setting by setting (each is its own policy). */
export function checkManagedValues(settings: Record<string, unknown>, schema: ChromeSchema): SchemaCheck {
  const out: SchemaCheck = { errors: [], dropped: [] };
  for (const [key, value] of Object.entries(settings)) {
    const property = schema.properties?.[key];
    if (property) check(value, property, key, out);
    else out.dropped.push(key);
  }
  return out;
}
