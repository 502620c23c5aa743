import { z } from 'zod';

/** What the extension does with a request, per category, per group and per mode. */
export const Action = z.enum(['block', 'warn', 'allow-banner', 'allow']);
export type Action = z.infer<typeof Action>;

export const Mode = z.enum(['work', 'break', 'personal']);
export type Mode = z.infer<typeof Mode>;
export const MODES: readonly Mode[] = Mode.options;

/**
 * Higher is stricter: scores groups to find the strictest (compile-policy.ts). Which rule wins
 * for a request is decided by the decision table's priorities (src/decide/table.ts).
 */
export const SEVERITY: Record<Action, number> = { block: 3, warn: 2, 'allow-banner': 1, allow: 0 };

export const ModeActions = z.strictObject({ work: Action, break: Action, personal: Action });
export type ModeActions = z.infer<typeof ModeActions>;
