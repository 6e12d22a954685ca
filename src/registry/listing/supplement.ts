// Facts a listing page does not show but another source gives (a registry record, a reference document)
// can be merged into the imported record. Each is keyed by its field path and names its source, and the
// record's `eligoProvenance.supplementedFrom` lists the ones used, so a reviewer sees what came from where.
import type { Trial } from '../../core/trial/model.ts';

/** "protocolSection.statusModule.startDateStruct" → the value to put there and where it came from. */
export type ListingSupplement = Record<string, { value: unknown; source: string }>;

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAtPath(record: unknown, path: string): unknown {
  let current = record;
  for (const key of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function setAtPath(record: PlainObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = record;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(current[key])) current[key] = {};
    current = current[key] as PlainObject;
  }
  current[keys[keys.length - 1]] = value;
}

/** A deep copy of `record` without the given paths (and without objects left empty by their removal). */
export function withoutPaths(record: PlainObject, paths: readonly string[]): PlainObject {
  const copy = structuredClone(record);
  for (const path of paths) {
    const keys = path.split('.');
    const parents: PlainObject[] = [copy];
    for (const key of keys.slice(0, -1)) {
      const next = parents[parents.length - 1][key];
      if (!isPlainObject(next)) break;
      parents.push(next);
    }
    if (parents.length !== keys.length) continue;
    delete parents[parents.length - 1][keys[keys.length - 1]];
    for (let depth = parents.length - 1; depth > 0; depth--) {
      if (Object.keys(parents[depth]).length > 0) break;
      delete parents[depth - 1][keys[depth - 1]];
    }
  }
  return copy;
}

/**
 * Merges the supplement into `record` where the listing text said nothing; the text wins every conflict
 * (the conflict is reported). Returns the paths that contributed at least one value.
 */
export function applySupplement(record: PlainObject, supplement: ListingSupplement, warnings: string[]): string[] {
  const used: string[] = [];
  for (const [path, { value }] of Object.entries(supplement)) {
    const existing = getAtPath(record, path);
    if (existing === undefined) {
      setAtPath(record, path, structuredClone(value));
      used.push(path);
    } else if (isPlainObject(existing) && isPlainObject(value)) {
      if (fillMissing(existing, value, path, warnings)) used.push(path);
    } else if (JSON.stringify(existing) !== JSON.stringify(value)) {
      warnings.push(`supplement for ${path} not used: the listing text gives ${JSON.stringify(existing)}`);
    }
  }
  return used;
}

function fillMissing(target: PlainObject, source: PlainObject, path: string, warnings: string[]): boolean {
  let filled = false;
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (existing === undefined) {
      target[key] = structuredClone(value);
      filled = true;
    } else if (isPlainObject(existing) && isPlainObject(value)) {
      filled = fillMissing(existing, value, `${path}.${key}`, warnings) || filled;
    } else if (JSON.stringify(existing) !== JSON.stringify(value)) {
      warnings.push(`supplement for ${path}.${key} not used: the listing text gives ${JSON.stringify(existing)}`);
    }
  }
  return filled;
}

/** The supplement a record was built with, read back from its `eligoProvenance.supplementedFrom`. */
export function supplementFromProvenance(trial: Trial): ListingSupplement {
  const supplement: ListingSupplement = {};
  for (const [path, source] of Object.entries(trial.eligoProvenance?.supplementedFrom ?? {})) {
    const value = getAtPath(trial, path);
    if (value !== undefined) supplement[path] = { value: structuredClone(value), source };
  }
  return supplement;
}

/** The part of a record that came from its listing text: no provenance note, no supplemented field. */
export function listingDerivedPart(trial: Trial): PlainObject {
  const paths = Object.keys(trial.eligoProvenance?.supplementedFrom ?? {});
  return withoutPaths(trial as PlainObject, [...paths, 'eligoProvenance']);
}
