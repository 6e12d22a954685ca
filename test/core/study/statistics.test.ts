// Exact (Clopper–Pearson) intervals at their edges and in the middle, against published values, and
// Newcombe's interval of a difference against the worked example of its paper.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clopperPearson, proportionDifference } from '../../../src/core/study/statistics.ts';

const close = (actual: [number, number] | null, expected: [number, number], digits = 4) => {
  assert.ok(actual, 'an interval');
  for (const i of [0, 1]) assert.ok(Math.abs(actual[i] - expected[i]) < 10 ** -digits, `${actual} vs ${expected}`);
};

test('0 of n and n of n: the interval reaches 0 or 1 and the other end is (α/2)^(1/n)', () => {
  close(clopperPearson(0, 10), [0, 0.3085]);
  close(clopperPearson(10, 10), [0.6915, 1]);
  close(clopperPearson(0, 1), [0, 0.975]);
  close(clopperPearson(1, 1), [0.025, 1]);
  // 1 − (0.025)^(1/30)
  close(clopperPearson(0, 30), [0, 1 - 0.025 ** (1 / 30)], 6);
});

test('the middle: 5 of 10, 1 of 10, 24 of 69 (tables of exact binomial limits)', () => {
  close(clopperPearson(5, 10), [0.1871, 0.8129]);
  close(clopperPearson(1, 10), [0.0025, 0.4450]);
  const [low, high] = clopperPearson(24, 69)!;
  assert.ok(low < 24 / 69 && 24 / 69 < high && high - low < 0.25);
});

test('nobody to count is null; impossible counts are refused', () => {
  assert.equal(clopperPearson(0, 0), null);
  assert.throws(() => clopperPearson(3, 2), /successes: expected a whole number from 0 to 2, got 3/);
  assert.throws(() => clopperPearson(-1, 5), /successes/);
  assert.throws(() => clopperPearson(1, 2.5), /n: expected a whole number/);
  assert.throws(() => clopperPearson(1, 5, 1), /confidence/);
});

test("Newcombe's hybrid score interval: 56/70 − 48/80 = 0.2 (0.0524 to 0.3339), his Table II example", () => {
  const result = proportionDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 })!;
  assert.ok(Math.abs(result.difference - 0.2) < 1e-12);
  close(result.ci95, [0.0524, 0.3339]);
  assert.equal(proportionDifference({ successes: 0, n: 0 }, { successes: 1, n: 2 }), null);
  // At the edges it stays inside [−1, 1].
  const edge = proportionDifference({ successes: 10, n: 10 }, { successes: 0, n: 10 })!;
  assert.ok(edge.ci95[0] > 0 && edge.ci95[1] <= 1);
});
