// Exact binomial confidence intervals for the report's proportions (response rates by arm). The
// Clopper–Pearson interval inverts two one-sided binomial tests through the beta distribution:
// lower = Beta(α/2; k, n−k+1), upper = Beta(1−α/2; k+1, n−k), with 0 and 1 at the edges (k = 0,
// k = n). It is conservative (coverage ≥ the level), the convention for small trials.
// Source: Clopper CJ, Pearson ES. Biometrika 1934;26:404–413.
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';

/** [low, high] as proportions, or null when there is nobody to count (n = 0). */
export function clopperPearson(successes: number, n: number, confidence = 0.95): [number, number] | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n: expected a whole number ≥ 0, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) throw new RangeError(`successes: expected a whole number from 0 to ${n}, got ${successes}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence: expected a level between 0 and 1, got ${confidence}`);
  if (n === 0) return null;
  const alpha = 1 - confidence;
  const low = successes === 0 ? 0 : betaQuantile(alpha / 2, successes, n - successes + 1);
  const high = successes === n ? 1 : betaQuantile(1 - alpha / 2, successes + 1, n - successes);
  return [low, high];
}

/** A proportion rounded for display and JSON (4 decimals: 0.1234 = 12.34 %). */
export function roundProportion(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Wilson score interval of one proportion (the building block of Newcombe's difference interval). */
function wilson(successes: number, n: number, z: number): [number, number] {
  const p = successes / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denominator = 1 + (z * z) / n;
  return [Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)];
}

/**
 * The difference of two proportions (first − second) with Newcombe's hybrid score 95 % interval
 * (method 10), which behaves at 0 % and 100 % where the Wald interval does not.
 * Source: Newcombe RG. Stat Med 1998;17:873–890.
 */
export function proportionDifference(first: { successes: number; n: number }, second: { successes: number; n: number }): { difference: number; ci95: [number, number] } | null {
  if (first.n === 0 || second.n === 0) return null;
  const z = 1.959963984540054;
  const p1 = first.successes / first.n;
  const p2 = second.successes / second.n;
  const [l1, u1] = wilson(first.successes, first.n, z);
  const [l2, u2] = wilson(second.successes, second.n, z);
  const difference = p1 - p2;
  return { difference, ci95: [difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)] };
}
