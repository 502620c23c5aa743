import { median } from './measure.ts';
import { prng } from '../../tests/fixtures/synthetic-hosts.ts';

/**
 * An allowed-page overhead as the Chromium and Firefox benches judge it (as safe-search.ts does): the
 * difference of medians, its 95 % bootstrap interval, and a noise band from two browsers that
 * should not differ (the larger of their difference and its interval's ends). A single difference
 * of two medians moved by ±8 % between identical Chromiums here, so it cannot be the band alone.
 */
export type Overhead = { ms: number; pct: number; interval: [number, number]; noiseMs: number; noisePct: number; noiseInterval: [number, number]; bandMs: number; ok: boolean };

export function overheadOf(measured: number[], baseline: number[], noise: { a: number[]; b: number[] }, targetPct: number): Overhead {
  const base = median(baseline);
  const ms = median(measured) - base;
  const pct = (ms / base) * 100;
  const noiseMs = median(noise.a) - median(noise.b);
  const noiseInterval = bootstrapInterval(noise.a, noise.b);
  const bandMs = Math.max(Math.abs(noiseMs), ...noiseInterval.map(Math.abs));
  return { ms, pct, interval: bootstrapInterval(measured, baseline), noiseMs, noisePct: (noiseMs / median(noise.b)) * 100, noiseInterval, bandMs, ok: pct <= targetPct || ms <= bandMs };
}

/** "+4.2", "-1.0": a difference with its sign, one decimal (every overhead figure the benches print). */
export const signed = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;

/** "+4.2 ms = +4.5 % (95 % interval −1.0 … +9.3 ms)" */
export function describeOverhead(o: Overhead): string {
  return `${signed(o.ms)} ms = ${signed(o.pct)} % (95 % interval ${signed(o.interval[0])} … ${signed(o.interval[1])} ms)`;
}

/** "−7.7 ms = −7.9 % → band ±9.1 ms" */
export function describeNoise(o: Overhead): string {
  return `${signed(o.noiseMs)} ms = ${signed(o.noisePct)} % → band ±${o.bandMs.toFixed(1)} ms`;
}

/**
 * The 95 % bootstrap interval of median(x) − median(y): how far that difference moves when the
 * same loads are drawn again. Pairs (the same host, the same round) are drawn together.
 */
export function bootstrapInterval(x: number[], y: number[], rounds = 2_000): [number, number] {
  const random = prng(20261205); // seeded: the same loads give the same interval
  const diffs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < x.length; i++) {
      const k = Math.floor(random() * x.length);
      xs.push(x[k]!);
      ys.push(y[k]!);
    }
    diffs.push(median(xs) - median(ys));
  }
  diffs.sort((a, b) => a - b);
  return [diffs[Math.floor(rounds * 0.025)]!, diffs[Math.ceil(rounds * 0.975) - 1]!];
}
