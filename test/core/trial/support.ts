// Shared test inputs: the seed pages, the shipped seed records and the first lines of the corpora.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';

import { REPO_ROOT as REPO_DIR, SHARED_DIR } from '../../support/shared.ts';

export { SHARED_DIR };

export const SEEDS = {
  multicenter: { nctId: 'NCT05794425', page: 'seeds/000_ee5fcb68a312b3a6.txt' },
  phase1: { nctId: 'NCT03055078', page: 'seeds/001_72bd8c11d1a3aaa3.txt' },
} as const;

export function readSeedPage(seed: keyof typeof SEEDS): string {
  return readFileSync(join(SHARED_DIR, SEEDS[seed].page), 'utf8');
}

export function readShippedSeed(seed: keyof typeof SEEDS): Record<string, any> {
  return JSON.parse(readFileSync(join(REPO_DIR, 'data', 'seed-trials', `${SEEDS[seed].nctId}.json`), 'utf8'));
}

export const CORPORA = {
  summaries: 'data/ctgov-101k-summaries.jsonl.gz',
  criteria: 'data/ctgov-4868-criteria.jsonl.gz',
} as const;

/** The first `limit` records of a gzipped JSON Lines corpus, read as a stream (the files are large). */
export async function readCorpusHead(corpus: keyof typeof CORPORA, limit: number): Promise<unknown[]> {
  const stream = createReadStream(join(SHARED_DIR, CORPORA[corpus]));
  const lines = createInterface({ input: stream.pipe(createGunzip()), crlfDelay: Infinity });
  const records: unknown[] = [];
  for await (const line of lines) {
    if (line.trim() !== '') records.push(JSON.parse(line));
    if (records.length >= limit) break;
  }
  lines.close();
  stream.destroy();
  return records;
}
