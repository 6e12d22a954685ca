// The seed of one randomization block: HMAC-SHA256 keyed with the study's secret over
// `${studyId}|${stratumKey}|${blockIndex}`, its first 16 bytes read as the generator's four words.
// Without the secret the blocks cannot be recomputed, so the sequence is concealed.
import { createHmac } from 'node:crypto';
import type { BlockSeed } from '../../core/study/randomization.ts';

export function hmacBlockSeed(secret: Uint8Array, studyId: string, stratumKey: string, blockIndex: number): BlockSeed {
  const digest = createHmac('sha256', secret).update(`${studyId}|${stratumKey}|${blockIndex}`).digest();
  return [digest.readInt32BE(0), digest.readInt32BE(4), digest.readInt32BE(8), digest.readInt32BE(12)];
}

export function blockSeeds(secret: Uint8Array, studyId: string, stratumKey: string): (blockIndex: number) => BlockSeed {
  const cache = new Map<number, BlockSeed>();
  return (blockIndex) => {
    let seed = cache.get(blockIndex);
    if (!seed) cache.set(blockIndex, (seed = hmacBlockSeed(secret, studyId, stratumKey, blockIndex)));
    return seed;
  };
}
