import { z } from 'zod';
import { ReportRequest } from './report-wire.ts';
import { AcceptanceRequest } from './acceptance-wire.ts';
import { CheckinRequest } from './checkin-wire.ts';

/*
 * Everything the extension sends, as the definitions the code sends with: the three wire
 * contracts (their JSON bodies) and the request headers of the policy fetch and of the POSTs.
 * "What AUP Guard records" (the options page) describes every field listed here; its table is
 * keyed by `FieldPath` (the type checker fails on a missing field) and a unit test compares it
 * with `fieldPaths()` of each schema (the test fails on a missing or extra entry).
 */

/** Request headers of the policy fetch (`GET` the manifest): the only header besides the browser's own. */
export const PolicyFetchHeaders = z.strictObject({
  /** The ETag of the manifest held, so an unchanged policy is answered 304 without a body. */
  'if-none-match': z.string().optional(),
});
export type PolicyFetchHeaders = z.infer<typeof PolicyFetchHeaders>;

/** Request headers of every POST to `aup serve` (reports, acceptances, check-ins). */
export const DeliveryHeaders = z.strictObject({
  'content-type': z.literal('application/json'),
  /** `Bearer <reportToken>` from ICT's settings, when ICT set one. */
  authorization: z.string().optional(),
});
export type DeliveryHeaders = z.infer<typeof DeliveryHeaders>;

/** Every kind of request the extension makes, by the name the inventory uses. */
export const WIRES = {
  report: ReportRequest,
  acceptance: AcceptanceRequest,
  checkin: CheckinRequest,
  policyFetch: PolicyFetchHeaders,
  delivery: DeliveryHeaders,
} as const;
export type WireId = keyof typeof WIRES;
export const WIRE_IDS = Object.keys(WIRES) as WireId[];

type Leaf = string | number | boolean | null | undefined;
type Inner<V> = NonNullable<V> extends readonly (infer E)[] ? NonNullable<E> : NonNullable<V>;

/** The dotted path of every leaf field of T; an array of objects adds its elements' fields (`findings.id`). */
export type FieldPaths<T> = {
  [K in keyof T & string]-?: Inner<T[K]> extends Leaf ? K : `${K}.${FieldPaths<Inner<T[K]>>}`;
}[keyof T & string];

export type WireFieldPath<W extends WireId> = FieldPaths<z.infer<(typeof WIRES)[W]>>;

/** A zod schema without the wrappers that do not change its shape (optional, nullable, default, pipe…). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType; out?: z.core.$ZodType };
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe' && def.in && def.out) s = (def.in._zod.def.type === 'transform' ? def.out : def.in);
    else return s;
  }
}

/** The runtime twin of `FieldPaths`: every leaf field of an object schema, dotted. */
export function fieldPaths(schema: z.core.$ZodType, prefix = ''): string[] {
  const s = unwrap(schema);
  const def = s._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
  if (def.type === 'array' && def.element) return fieldPaths(def.element, prefix);
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, field]) => fieldPaths(field, prefix ? `${prefix}.${key}` : key));
  }
  if (!prefix) throw new Error(`not an object schema: ${def.type}`);
  return [prefix];
}
