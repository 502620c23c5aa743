import type { CompiledGroup, CompiledPolicy } from '../policy/compiled-schema.ts';

export type GroupChoice = { group: CompiledGroup; why: 'configured' | 'default' | 'strictest' };

/**
 * Which group's rules apply. A configured, known group wins. Otherwise an unmanaged (development)
 * install takes the default group, while a managed device falls back to the strictest group:
 * a typo in ICT's configuration must not lower protection.
 */
export function chooseGroup(policy: CompiledPolicy, requested: string | null, managed: boolean): GroupChoice {
  const byId = (id: string) => policy.groups.find((g) => g.id === id);
  const configured = requested ? byId(requested) : undefined;
  if (configured) return { group: configured, why: 'configured' };
  const fallback = managed ? policy.strictestGroup : policy.defaultGroup;
  const group = byId(fallback) ?? policy.groups[0]!;
  return { group, why: managed ? 'strictest' : 'default' };
}
