// A site's reference ranges (limits of normal): validation, CSV import, storage. Limits resolve
// result range → site range → default (src/core/patient/limits.ts); these are the middle tier.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { analyteByKey } from '../core/clinical/tables/analytes.ts';
import { isIsoDate } from '../core/clinical/calendar.ts';
import type { SiteReferenceRange } from '../core/patient/limits.ts';
import { conversionFactor, isUcumUnit, normalizeUnitSpelling } from '../core/patient/units.ts';
import type { Tables } from '../store/tables.ts';

export const SITE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const date = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');
const optionalNumber = z.number().finite().optional();

export const siteRangeInputSchema = z
  .object({
    analyte: z.string().min(1),
    sex: z.enum(['any', 'female', 'male']).default('any'),
    ageFrom: z.number().int().nonnegative().optional(),
    ageTo: z.number().int().positive().optional(),
    low: optionalNumber,
    high: optionalNumber,
    unit: z.string().min(1),
    source: z.string().min(1).default('site laboratory'),
    effectiveFrom: date,
    effectiveTo: date.optional(),
  })
  .superRefine((range, ctx) => {
    const analyte = analyteByKey(range.analyte);
    if (!analyte || analyte.kind !== 'quantity') {
      ctx.addIssue({ code: 'custom', path: ['analyte'], message: `unknown analyte ${JSON.stringify(range.analyte)}; expected a quantitative analyte key such as alt, bilirubin.total, creatinine` });
      return;
    }
    const unit = normalizeUnitSpelling(range.unit, analyte);
    if (!isUcumUnit(unit) || conversionFactor(unit, analyte.unit!, analyte.molecularWeight) === null) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `unit ${JSON.stringify(range.unit)} cannot be converted to ${analyte.unit} (${analyte.label.en})` });
    }
    if (range.low === undefined && range.high === undefined) ctx.addIssue({ code: 'custom', path: ['high'], message: 'expected at least one of low and high' });
    if (range.low !== undefined && range.high !== undefined && range.low > range.high) ctx.addIssue({ code: 'custom', path: ['low'], message: `low ${range.low} is above high ${range.high}` });
    if (range.ageFrom !== undefined && range.ageTo !== undefined && range.ageFrom >= range.ageTo) ctx.addIssue({ code: 'custom', path: ['ageTo'], message: `age band [${range.ageFrom}, ${range.ageTo}) is empty` });
    if (range.effectiveTo !== undefined && range.effectiveTo < range.effectiveFrom) ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: `effectiveTo ${range.effectiveTo} is before effectiveFrom ${range.effectiveFrom}` });
  });
export type SiteRangeInput = z.input<typeof siteRangeInputSchema>;

export class SiteRangeError extends Error {
  readonly details: Array<{ field: string; value: unknown; expected: string }>;
  constructor(message: string, details: Array<{ field: string; value: unknown; expected: string }>) {
    super(message);
    this.name = 'SiteRangeError';
    this.details = details;
  }
}

/** Validates a site's ranges; throws SiteRangeError listing every bad field (`ranges[2].unit: …`). */
export function validateSiteRanges(siteId: string, input: unknown, describeRow: (index: number) => string = (index) => `ranges[${index}]`): SiteReferenceRange[] {
  if (!SITE_ID_PATTERN.test(siteId)) throw new SiteRangeError(`site id ${JSON.stringify(siteId)}: expected letters, digits, ".", "_" or "-" (at most 64)`, [{ field: 'siteId', value: siteId, expected: 'letters, digits, ".", "_" or "-"' }]);
  if (!Array.isArray(input)) throw new SiteRangeError('expected an array of reference ranges', [{ field: 'ranges', value: typeof input, expected: 'array' }]);
  const details: Array<{ field: string; value: unknown; expected: string }> = [];
  const ranges: SiteReferenceRange[] = [];
  input.forEach((row, index) => {
    const parsed = siteRangeInputSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join('.');
        details.push({ field: `${describeRow(index)}.${key}`, value: (row as Record<string, unknown> | null)?.[key], expected: issue.message });
      }
      return;
    }
    const range = parsed.data;
    ranges.push({ siteId, analyte: range.analyte, sex: range.sex, ageFrom: range.ageFrom, ageTo: range.ageTo, low: range.low, high: range.high, unit: range.unit, source: range.source, effectiveFrom: range.effectiveFrom, effectiveTo: range.effectiveTo });
  });
  if (details.length > 0) {
    const message = details.slice(0, 10).map((d) => `${d.field}: ${d.expected}${d.value === undefined ? '' : ` (got ${JSON.stringify(d.value)})`}`).join('; ');
    throw new SiteRangeError(message, details);
  }
  return ranges;
}

const CSV_COLUMNS = ['site_id', 'analyte', 'sex', 'age_from', 'age_to', 'low', 'high', 'unit', 'effective_from', 'effective_to', 'source'] as const;
const REQUIRED_COLUMNS = ['site_id', 'analyte', 'unit', 'effective_from'];

/**
 * Reads a CSV of site ranges (header: site_id, analyte, sex, age_from, age_to, low, high, unit,
 * effective_from, effective_to, source; quoted fields allowed). Returns the ranges per site.
 */
export function parseSiteRangesCsv(text: string): Map<string, SiteReferenceRange[]> {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new SiteRangeError('the CSV file is empty', []);
  const header = rows[0].map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new SiteRangeError(`unknown column(s) ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(', ')}`, unknown.map((name) => ({ field: 'header', value: name, expected: CSV_COLUMNS.join(', ') })));
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) throw new SiteRangeError(`missing column(s) ${missing.join(', ')}`, missing.map((name) => ({ field: 'header', value: null, expected: name })));
  const bySite = new Map<string, Array<{ line: number; row: Record<string, unknown> }>>();
  rows.slice(1).forEach((cells, index) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const record: Record<string, string> = {};
    header.forEach((name, column) => (record[name] = (cells[column] ?? '').trim()));
    const numberOrText = (value: string | undefined) => (value === undefined || value === '' ? undefined : Number.isFinite(Number(value)) ? Number(value) : value);
    const row = {
      analyte: record.analyte,
      sex: record.sex || undefined,
      ageFrom: numberOrText(record.age_from),
      ageTo: numberOrText(record.age_to),
      low: numberOrText(record.low),
      high: numberOrText(record.high),
      unit: record.unit,
      effectiveFrom: record.effective_from,
      effectiveTo: record.effective_to || undefined,
      source: record.source || undefined,
    };
    const list = bySite.get(record.site_id) ?? [];
    list.push({ line: index + 2, row });
    bySite.set(record.site_id, list);
  });
  const result = new Map<string, SiteReferenceRange[]>();
  const problems: SiteRangeError[] = [];
  for (const [siteId, entries] of bySite) {
    try {
      result.set(siteId, validateSiteRanges(siteId, entries.map((entry) => entry.row), (index) => `line ${entries[index].line}`));
    } catch (error) {
      if (error instanceof SiteRangeError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length > 0) throw new SiteRangeError(problems.map((p) => p.message).join('; '), problems.flatMap((p) => p.details));
  return result;
}

/** RFC 4180 fields: commas, double-quoted fields with "" escapes, CRLF or LF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => !(cells.length === 1 && cells[0].trim() === ''));
}

/** Replaces all of a site's ranges in one transaction (nothing half-written). */
export async function replaceSiteRanges(db: Kysely<Tables>, siteId: string, ranges: readonly SiteReferenceRange[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('eligibility_site_range').where('site_id', '=', siteId).execute();
    if (ranges.length === 0) return;
    await trx
      .insertInto('eligibility_site_range')
      .values(ranges.map((range) => ({
        site_id: siteId,
        analyte: range.analyte,
        sex: range.sex,
        age_from: range.ageFrom ?? null,
        age_to: range.ageTo ?? null,
        low: range.low ?? null,
        high: range.high ?? null,
        unit: range.unit,
        source: range.source,
        effective_from: range.effectiveFrom,
        effective_to: range.effectiveTo ?? null,
      })))
      .execute();
  });
}

export async function siteRanges(db: Kysely<Tables>, siteId: string): Promise<SiteReferenceRange[]> {
  const rows = await db.selectFrom('eligibility_site_range').selectAll().where('site_id', '=', siteId).orderBy('analyte').orderBy('sex').orderBy('age_from').orderBy('effective_from').execute();
  return rows.map((row) => {
    const range: SiteReferenceRange = { siteId: row.site_id, analyte: row.analyte, sex: row.sex, unit: row.unit, source: row.source, effectiveFrom: row.effective_from };
    if (row.age_from !== null) range.ageFrom = row.age_from;
    if (row.age_to !== null) range.ageTo = row.age_to;
    if (row.low !== null) range.low = row.low;
    if (row.high !== null) range.high = row.high;
    if (row.effective_to !== null) range.effectiveTo = row.effective_to;
    return range;
  });
}

/** Every site with configured reference ranges, with how many ranges and analytes it has. */
export async function sitesWithRanges(db: Kysely<Tables>): Promise<Array<{ siteId: string; ranges: number; analytes: number }>> {
  const rows = await db
    .selectFrom('eligibility_site_range')
    .select('site_id')
    .select((eb) => [eb.fn.countAll<number>().as('ranges'), eb.fn.count<number>('analyte').distinct().as('analytes')])
    .groupBy('site_id')
    .orderBy('site_id')
    .execute();
  return rows.map((row) => ({ siteId: row.site_id, ranges: Number(row.ranges), analytes: Number(row.analytes) }));
}
