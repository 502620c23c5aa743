/**
 * How long each phase of a sync and enforce took, as User Timing measures (`performance.measure`,
 * names `aup:<phase>`): read by `npm run bench -- enforcement` from the worker, and shown by
 * DevTools' Performance panel. Nothing is stored or sent; the measures of the previous sync are
 * cleared when the next one starts, so a worker that lives all day keeps one sync's worth.
 */

const PREFIX = 'aup:';

/** A new sync starts: forget the previous one's measures. */
export function startPhases(): void {
  for (const entry of performance.getEntriesByType('measure')) {
    if (entry.name.startsWith(PREFIX)) performance.clearMeasures(entry.name);
  }
}

/** Time `work` as the measure `measure` (also when it fails: the time spent failing is a figure too). */
async function timed<T>(measure: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(measure, { start, end: performance.now() });
  }
}

/** Time `work` as the phase `name`. */
export function phase<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  return timed(`${PREFIX}${name}`, work);
}

/** A moment worth knowing (say, the new rules are in force): a zero-length measure. */
export function markPhase(name: string): void {
  const now = performance.now();
  performance.measure(`${PREFIX}${name}`, { start: now, end: now });
}

/**
 * A moment of the worker's life that no sync clears (a User Timing mark, not a measure): read by
 * `npm run bench -- firefox` to split a cold start into the browser's part (launch → background
 * page) and ours (background page → the guard can answer). Only the first call per name counts.
 */
export function markOnce(name: string): void {
  if (performance.getEntriesByName(`${PREFIX}${name}`, 'mark').length === 0) performance.mark(`${PREFIX}${name}`);
}

const START_PREFIX = 'aup-start:';
/** The start phases already timed in this worker's life (a set, not a query of the timeline: contexts are read often). */
const timedAtStart = new Set<string>();

/**
 * The first time `work` runs in this worker's life, timed as the measure `aup-start:<name>`,
 * which no sync clears (syncs clear `aup:` only): the reads between the `background script`
 * mark and `guard ready`, which `npm run bench -- firefox` splits for a cold start and a wake.
 * Later runs are not timed, so a worker that lives all day keeps one entry per name.
 */
export async function startPhase<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  if (timedAtStart.has(name)) return work();
  timedAtStart.add(name);
  return timed(`${START_PREFIX}${name}`, work);
}
