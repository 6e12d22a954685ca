// Validated rule sets kept in memory, per database, keyed by trial and version. Stored versions never
// change in place (a new parse or review is a new version), so a cached version stays right even when
// another process writes; saving in this process also drops the trial's entry at once.
import type { Kysely } from 'kysely';
import type { RuleSet } from '../core/criteria/rules.ts';

type Cache = Map<string, { version: number; ruleSet: RuleSet }>;

const caches = new WeakMap<object, Cache>();

function cacheOf(db: Kysely<any>): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

/**
 * The rule sets for the given (trial, version) pairs, in order: cached ones as they are, the others
 * read with `load` and cached. A version that `load` no longer finds (replaced by a concurrent
 * refresh between the caller's two reads) is undefined.
 */
export async function cachedRuleSets(db: Kysely<any>, wanted: ReadonlyArray<{ nctId: string; version: number }>, load: (missing: Array<{ nctId: string; version: number }>) => Promise<RuleSet[]>): Promise<Array<RuleSet | undefined>> {
  const cache = cacheOf(db);
  const missing = wanted.filter((w) => cache.get(w.nctId)?.version !== w.version);
  if (missing.length > 0) {
    const loaded = await load(missing);
    const byKey = new Map(loaded.map((ruleSet) => [`${ruleSet.nctId}@${ruleSet.version}`, ruleSet]));
    for (const w of missing) {
      const ruleSet = byKey.get(`${w.nctId}@${w.version}`);
      if (ruleSet) cache.set(w.nctId, { version: w.version, ruleSet });
    }
  }
  return wanted.map((w) => {
    const entry = cache.get(w.nctId);
    return entry?.version === w.version ? entry.ruleSet : undefined;
  });
}

/** Drops the trials' cached rule sets (after a save). */
export function forgetRuleSets(db: Kysely<any>, nctIds: readonly string[]): void {
  const cache = caches.get(db);
  if (cache) for (const id of nctIds) cache.delete(id);
}
