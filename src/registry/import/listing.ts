// Imports one trial listing page (text copied from a registry mirror) through the listing parser, stored
// like any other record but marked as curated ('listing'), so a later bulk import does not overwrite it.
import { readFile } from 'node:fs/promises';
import { EligoError, problem } from '../../core/problems.ts';
import { parseListing } from '../listing/parse.ts';
import type { Stores } from '../../store/index.ts';
import type { SiteLocator } from '../../store/trials.ts';

export interface ListingImport {
  nctId: string;
  /** kept: a seed record of the trial is stored and outranks a listing page. */
  outcome: 'created' | 'updated' | 'unchanged' | 'kept';
  warnings: string[];
}

export async function importListingFile(
  stores: Stores,
  file: string,
  options: { nctId?: string; locateSites?: SiteLocator } = {},
): Promise<ListingImport> {
  const text = await readFile(file, 'utf8');
  const parsed = parseListing(text, { nctId: options.nctId, source: file });
  if (!parsed.ok) {
    const problems = parsed.errors.map((error) => problem({ code: 'invalid_listing', field: error.path ?? '(page)', expected: error.message, message: error.path ? `${error.path}: ${error.message}` : error.message }));
    throw new EligoError('unprocessable', 'invalid_listing', `${file}: not imported: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
  const outcome = await stores.trials.upsert([{ trial: parsed.trial, source: 'listing' }], { locateSites: options.locateSites });
  const nctId = parsed.trial.protocolSection.identificationModule.nctId;
  return {
    nctId,
    outcome: outcome.created.length > 0 ? 'created' : outcome.updated.length > 0 ? 'updated' : outcome.kept.length > 0 ? 'kept' : 'unchanged',
    warnings: parsed.warnings,
  };
}
