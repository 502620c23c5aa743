import { z } from 'zod';

/** Ids ICT writes in rules/ (categories, groups, schedules, action sets): short, lower-case, kebab-case. */
export const Id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and hyphens, starting with a letter (at most 40)');
