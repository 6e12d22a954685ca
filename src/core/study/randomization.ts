// Stratified permuted-block randomization with randomly varying block sizes. Each stratum has its own
// sequence of blocks; block i's size (the ratio sum times one of the protocol's block multiples) and
// its order of arms are drawn from a generator seeded for that block alone, so the allocation of any
// slot is a pure function of (seed of each block, plan, slot). The seeds come from a secret the system
// holds (HMAC of study, stratum and block index, computed by the caller): whoever knows every past
// assignment still cannot tell the next one without the secret. Pure: no I/O, no clock, no randomness
// it did not receive. Method: Schulz & Grimes, Lancet 2002;359:515-9 (permuted blocks of random size).
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface AllocationPlan {
  /** The arms with their ratio parts (2:1 → ratio 2 and 1). Order matters: it is part of the sequence. */
  arms: ReadonlyArray<{ code: string; ratio: number }>;
  /** Block sizes as multiples of the ratio sum, one drawn at random per block. */
  blockMultiples: readonly number[];
}

export interface Allocation {
  arm: string;
  blockIndex: number;
  blockSize: number;
  /** 0-based position of the slot inside its block. */
  positionInBlock: number;
}

/** A block's seed: four 32-bit words (the generator's state), e.g. the first 16 bytes of an HMAC. */
export type BlockSeed = readonly number[];

export function planRatioSum(plan: AllocationPlan): number {
  return plan.arms.reduce((sum, arm) => sum + arm.ratio, 0);
}

/** The largest block the plan can draw (the bound on imbalance within a stratum). */
export function largestBlockSize(plan: AllocationPlan): number {
  return planRatioSum(plan) * Math.max(...plan.blockMultiples);
}

function checkPlan(plan: AllocationPlan): void {
  if (plan.arms.length < 1) throw new RangeError('an allocation plan needs at least one arm');
  if (plan.blockMultiples.length < 1) throw new RangeError('an allocation plan needs at least one block multiple');
  for (const arm of plan.arms) if (!Number.isInteger(arm.ratio) || arm.ratio < 1) throw new RangeError(`arm ${arm.code}: ratio must be a positive whole number`);
  for (const multiple of plan.blockMultiples) if (!Number.isInteger(multiple) || multiple < 1) throw new RangeError('block multiples must be positive whole numbers');
}

function generatorOf(seed: BlockSeed): RandomGenerator {
  if (seed.length !== 4 || seed.some((word) => !Number.isInteger(word))) throw new RangeError('a block seed is four 32-bit integers');
  const state: number[] = seed.map((word) => word | 0);
  // xoroshiro128+ must not start from the all-zero state (it would stay there).
  if (!state.some((word) => word !== 0)) state[3] = 1;
  return xoroshiro128plusFromState(state);
}

/** One block: its size and its arms in order (a random permutation of ratio × multiple copies of each arm). */
export function blockOf(seed: BlockSeed, plan: AllocationPlan): string[] {
  checkPlan(plan);
  const rng = generatorOf(seed);
  const multiple = plan.blockMultiples[uniformInt(rng, 0, plan.blockMultiples.length - 1)];
  const arms: string[] = [];
  for (const arm of plan.arms) for (let i = 0; i < arm.ratio * multiple; i++) arms.push(arm.code);
  // Fisher–Yates: every order of the block's arms equally likely.
  for (let i = arms.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [arms[i], arms[j]] = [arms[j], arms[i]];
  }
  return arms;
}

/** The arm of a stratum's slot (0 = its first enrollment), with the block it falls in. */
export function allocationAt(seedFor: (blockIndex: number) => BlockSeed, plan: AllocationPlan, slot: number): Allocation {
  if (!Number.isInteger(slot) || slot < 0) throw new RangeError('a slot is a whole number from 0');
  let start = 0;
  for (let blockIndex = 0; ; blockIndex++) {
    const block = blockOf(seedFor(blockIndex), plan);
    if (slot < start + block.length) {
      const positionInBlock = slot - start;
      return { arm: block[positionInBlock], blockIndex, blockSize: block.length, positionInBlock };
    }
    start += block.length;
  }
}

/**
 * The stratum a subject falls in, as one canonical string: the factors sorted by key, `key=value`
 * joined by `;` (e.g. `diagnosisGroup=AA;site=QL01`). Keys and values may not contain `=` or `;`.
 */
export function stratumKey(strata: Readonly<Record<string, string>>): string {
  const keys = Object.keys(strata).sort();
  for (const key of keys) {
    if (/[=;|]/.test(key) || key === '') throw new RangeError(`stratum key ${JSON.stringify(key)} is empty or contains = ; |`);
    if (/[=;|]/.test(strata[key]) || strata[key] === '') throw new RangeError(`stratum value for ${key} is empty or contains = ; |`);
  }
  return keys.map((key) => `${key}=${strata[key]}`).join(';');
}
