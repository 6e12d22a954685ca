// Stratified permuted blocks of random size: balance within every stratum at every step, the ratio
// per complete block, block sizes that vary, and a sequence that cannot be told without the secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { allocationAt, blockOf, largestBlockSize, stratumKey, type AllocationPlan } from '../../../src/core/study/randomization.ts';
import { blockSeeds } from '../../../src/conduct/enrollment/block-seed.ts';

const oneToOne: AllocationPlan = { arms: [{ code: 'UCB_MSC', ratio: 1 }, { code: 'CSA', ratio: 1 }], blockMultiples: [1, 2, 3] };
const twoToOne: AllocationPlan = { arms: [{ code: 'CELL', ratio: 2 }, { code: 'CONTROL', ratio: 1 }], blockMultiples: [1, 2] };
const secretA = Buffer.from('a'.repeat(64), 'hex');
const secretB = Buffer.from('b'.repeat(64), 'hex');

/** A deterministic stream of stratum choices (no Math.random: a failure can be replayed). */
function* strataSequence(count: number, strata: string[]): Generator<string> {
  let x = 123456789;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield strata[Math.floor(x / 2 ** 16) % strata.length]; // the high bits: an LCG's low bits cycle
  }
}

test('10,000 enrollments over 12 strata: imbalance within every stratum never exceeds the largest block, at every step', () => {
  const strata: string[] = [];
  for (const site of ['QL01', 'BJ02', 'TJ03']) for (const group of ['AA', 'PNH']) for (const severity of ['SAA', 'VSAA']) strata.push(stratumKey({ site, diagnosisGroup: group, severity }));
  for (const plan of [oneToOne, twoToOne]) {
    const bound = largestBlockSize(plan);
    const slots = new Map<string, number>();
    const counts = new Map<string, Record<string, number>>();
    const seedsOf = new Map(strata.map((key) => [key, blockSeeds(secretA, 'NCT05794425', key)]));
    for (const key of strataSequence(10_000, strata)) {
      const slot = slots.get(key) ?? 0;
      slots.set(key, slot + 1);
      const { arm } = allocationAt(seedsOf.get(key)!, plan, slot);
      const tally = counts.get(key) ?? Object.fromEntries(plan.arms.map((a) => [a.code, 0]));
      tally[arm]++;
      counts.set(key, tally);
      // Imbalance measured against the ratio: arm count / ratio part, spread times the ratio sum.
      const n = slot + 1;
      for (const a of plan.arms) {
        const expected = (n * a.ratio) / plan.arms.reduce((s, b) => s + b.ratio, 0);
        assert.ok(Math.abs(tally[a.code] - expected) <= bound, `stratum ${key} after ${n}: ${a.code} ${tally[a.code]} vs expected ${expected}`);
      }
      const values = Object.values(tally);
      if (plan === oneToOne) assert.ok(Math.max(...values) - Math.min(...values) <= bound, `stratum ${key} after ${n}: ${JSON.stringify(tally)}`);
    }
    assert.equal([...slots.values()].reduce((s, n) => s + n, 0), 10_000);
    assert.ok([...slots.values()].every((n) => n > 500), 'every stratum got enrollments');
  }
});

test('2:1 ratio is exact in every complete block, and block sizes vary among the multiples', () => {
  const seeds = blockSeeds(secretA, 'NCT00000001', stratumKey({ site: 'QL01' }));
  const sizes = new Set<number>();
  for (let block = 0; block < 200; block++) {
    const arms = blockOf(seeds(block), twoToOne);
    const cell = arms.filter((arm) => arm === 'CELL').length;
    const control = arms.filter((arm) => arm === 'CONTROL').length;
    assert.equal(cell, 2 * control, `block ${block}: ${arms.join(',')}`);
    assert.ok(arms.length === 3 || arms.length === 6);
    sizes.add(arms.length);
  }
  assert.deepEqual([...sizes].sort(), [3, 6]);
  // And allocationAt walks the same blocks: slot positions line up with block boundaries.
  const first = blockOf(seeds(0), twoToOne);
  const at = allocationAt(seeds, twoToOne, first.length);
  assert.deepEqual([at.blockIndex, at.positionInBlock], [1, 0]);
  assert.equal(allocationAt(seeds, twoToOne, first.length - 1).blockSize, first.length);
});

test('two secrets give different sequences; the same secret the same one', () => {
  const key = stratumKey({ site: 'QL01', severity: 'SAA' });
  const sequence = (secret: Buffer) => Array.from({ length: 60 }, (_, slot) => allocationAt(blockSeeds(secret, 'NCT05794425', key), oneToOne, slot).arm).join(',');
  assert.equal(sequence(secretA), sequence(secretA));
  assert.notEqual(sequence(secretA), sequence(secretB));
  // And strata of one study, and the same stratum of two studies, have sequences of their own.
  const other = Array.from({ length: 60 }, (_, slot) => allocationAt(blockSeeds(secretA, 'NCT05794425', stratumKey({ site: 'BJ02', severity: 'SAA' })), oneToOne, slot).arm).join(',');
  assert.notEqual(sequence(secretA), other);
});

test('knowing every past assignment of a stratum does not determine the next one', () => {
  // For a fixed history, the next arm under different secrets: if the history determined the next arm
  // the answer would always be the same. Count, over many random secrets whose first k slots agree with
  // a reference history, how often the next arm differs.
  const key = stratumKey({ site: 'QL01' });
  let trials = 0;
  let differs = 0;
  const reference = blockSeeds(secretA, 'NCT05794425', key);
  for (let k = 1; k <= 5; k++) {
    const history = Array.from({ length: k }, (_, slot) => allocationAt(reference, oneToOne, slot).arm);
    const nextRef = allocationAt(reference, oneToOne, k).arm;
    for (let attempt = 0; attempt < 4000 && trials < k * 300; attempt++) {
      const seeds = blockSeeds(randomBytes(32), 'NCT05794425', key);
      const past = Array.from({ length: k }, (_, slot) => allocationAt(seeds, oneToOne, slot).arm);
      if (past.join() !== history.join()) continue;
      trials++;
      if (allocationAt(seeds, oneToOne, k).arm !== nextRef) differs++;
    }
  }
  assert.ok(trials >= 500, `enough matching histories (${trials})`);
  // With blocks of 2, 4 or 6 the next arm is forced only at the end of a block; it differs often.
  assert.ok(differs / trials > 0.2, `next arm differs in ${differs} of ${trials}`);
  assert.ok(differs / trials < 0.8, `and is not simply the opposite either (${differs} of ${trials})`);
});

test('stratum keys are canonical: sorted, and bad characters refused', () => {
  assert.equal(stratumKey({ site: 'QL01', diagnosisGroup: 'AA' }), stratumKey({ diagnosisGroup: 'AA', site: 'QL01' }));
  assert.equal(stratumKey({ site: 'QL01', diagnosisGroup: 'AA' }), 'diagnosisGroup=AA;site=QL01');
  assert.throws(() => stratumKey({ site: 'A;B' }), RangeError);
  assert.throws(() => stratumKey({ site: '' }), RangeError);
});

test('bad plans and slots are refused', () => {
  const seeds = blockSeeds(secretA, 'NCT05794425', 'site=QL01');
  assert.throws(() => allocationAt(seeds, oneToOne, -1), RangeError);
  assert.throws(() => allocationAt(seeds, oneToOne, 1.5), RangeError);
  assert.throws(() => allocationAt(seeds, { arms: [], blockMultiples: [1] }, 0), RangeError);
  assert.throws(() => allocationAt(seeds, { arms: oneToOne.arms, blockMultiples: [] }, 0), RangeError);
  assert.throws(() => blockOf([1, 2, 3], oneToOne), RangeError);
});
