// Imports one trial listing page (text copied from a registry mirror) through the listing parser, stored
// like any other record but marked as curated ('listing'), so a later bulk import does not overwrite it.
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { parseListing } from '../listing/parse.ts';
import type { Tables } from '../../store/tables.ts';
import { upsertTrials, type SiteLocator } from '../store/trials.ts';

export interface ListingImport {
  nctId: string;
  /** kept: a seed record of the trial is stored and outranks a listing page. */
  outcome: 'created' | 'updated' | 'unchanged' | 'kept';
  warnings: string[];
}

export class ListingImportError extends Error {
  readonly problems: Array<{ field?: string; message: string }>;
  constructor(file: string, problems: Array<{ field?: string; message: string }>) {
    super(`${file}: not imported: ${problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ')}`);
    this.problems = problems;
  }
}

export async function importListingFile(
  db: Kysely<Tables>,
  file: string,
  options: { nctId?: string; locateSites?: SiteLocator } = {},
): Promise<ListingImport> {
  const text = await readFile(file, 'utf8');
  const parsed = parseListing(text, { nctId: options.nctId, source: file });
  if (!parsed.ok) throw new ListingImportError(file, parsed.errors.map((error) => ({ field: error.path, message: error.message })));
  const outcome = await upsertTrials(db, [{ trial: parsed.trial, source: 'listing' }], { locateSites: options.locateSites });
  const nctId = parsed.trial.protocolSection.identificationModule.nctId;
  return {
    nctId,
    outcome: outcome.created.length > 0 ? 'created' : outcome.updated.length > 0 ? 'updated' : outcome.kept.length > 0 ? 'kept' : 'unchanged',
    warnings: parsed.warnings,
  };
}
