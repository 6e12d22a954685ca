// Draws for the demo generator over a pure-rand generator it is given: the generator is the only
// source of chance, so the same seed gives the same draws. Secrets never come from here (node:crypto).
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export type { RandomGenerator };

/** The generator for a public seed (xoroshiro128+, pure-rand's recommended one). */
export function seededGenerator(seed: number): RandomGenerator {
  return xoroshiro128plus(seed);
}

/** A float in [0, 1). */
export function unit(rng: RandomGenerator): number {
  return uniformFloat64(rng);
}

export function intBetween(rng: RandomGenerator, min: number, max: number): number {
  return uniformInt(rng, min, max);
}

export function chance(rng: RandomGenerator, probability: number): boolean {
  return unit(rng) < probability;
}

export function pick<T>(rng: RandomGenerator, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: no items to pick from');
  return items[uniformInt(rng, 0, items.length - 1)];
}

/** One of the entries, each as likely as its weight. */
export function weighted<T>(rng: RandomGenerator, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (!(total > 0)) throw new RangeError('weighted: the weights must add up to more than 0');
  let point = unit(rng) * total;
  for (const [value, weight] of entries) {
    point -= weight;
    if (point < 0) return value;
  }
  return entries[entries.length - 1][0];
}

/** A normal draw (Box–Muller). */
export function normal(rng: RandomGenerator, mean: number, sd: number): number {
  const u = 1 - unit(rng); // (0, 1]: the logarithm stays finite
  const v = unit(rng);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A value whose logarithm is uniform between the logarithms of min and max: for counts spread over orders of magnitude. */
export function logUniform(rng: RandomGenerator, min: number, max: number): number {
  return Math.exp(Math.log(min) + unit(rng) * (Math.log(max) - Math.log(min)));
}

/** A normal draw kept inside [min, max] (redrawn a few times, then clamped). */
export function boundedNormal(rng: RandomGenerator, mean: number, sd: number, min: number, max: number): number {
  for (let attempt = 0; attempt < 8; attempt++) {
    const value = normal(rng, mean, sd);
    if (value >= min && value <= max) return value;
  }
  return Math.min(max, Math.max(min, mean));
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
