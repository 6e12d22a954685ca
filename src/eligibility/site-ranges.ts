// A site's reference ranges (limits of normal): validation, CSV import, storage. Limits resolve
// result range → site range → default (src/core/patient/limits.ts); these are the middle tier.
import { z } from 'zod';
import { analyteByKey } from '../core/clinical/tables/analytes.ts';
import { isIsoDate } from '../core/clinical/calendar.ts';
import type { SiteReferenceRange } from '../core/patient/limits.ts';
import { conversionFactor, isUcumUnit, normalizeUnitSpelling } from '../core/patient/units.ts';
import { EligoError, problem, type Problem } from '../core/problems.ts';

export const SITE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const date = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');
// A limit of normal is a positive amount: 0 or below would make every × ULN / × LLN ratio infinite or negative.
const optionalLimit = z.number().finite().positive('expected a limit above 0').optional();

export const siteRangeInputSchema = z
  .object({
    analyte: z.string().min(1),
    sex: z.enum(['any', 'female', 'male']).default('any'),
    ageFrom: z.number().int().nonnegative().optional(),
    ageTo: z.number().int().positive().optional(),
    low: optionalLimit,
    high: optionalLimit,
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

function rangeError(problems: readonly Problem[]): EligoError {
  return new EligoError('invalid', 'invalid_request', problems.slice(0, 10).map((p) => p.message).join('; ') || 'invalid reference ranges', problems);
}

/** Validates a site's ranges; throws an EligoError listing every bad field (`ranges[2].unit: …`). */
export function validateSiteRanges(siteId: string, input: unknown, describeRow: (index: number) => string = (index) => `ranges[${index}]`): SiteReferenceRange[] {
  if (!SITE_ID_PATTERN.test(siteId)) throw EligoError.of('invalid', { code: 'invalid_request', field: 'siteId', value: siteId, expected: 'letters, digits, ".", "_" or "-" (at most 64)' });
  if (!Array.isArray(input)) throw EligoError.of('invalid', { code: 'invalid_request', field: 'ranges', value: typeof input, expected: 'an array of reference ranges' });
  const details: Problem[] = [];
  const ranges: SiteReferenceRange[] = [];
  input.forEach((row, index) => {
    const parsed = siteRangeInputSchema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path.map(String).join('.');
        details.push(problem({ code: 'invalid_request', field: `${describeRow(index)}.${key}`, value: (row as Record<string, unknown> | null)?.[key], expected: issue.message }));
      }
      return;
    }
    const range = parsed.data;
    ranges.push({ siteId, analyte: range.analyte, sex: range.sex, ageFrom: range.ageFrom, ageTo: range.ageTo, low: range.low, high: range.high, unit: range.unit, source: range.source, effectiveFrom: range.effectiveFrom, effectiveTo: range.effectiveTo });
  });
  if (details.length > 0) throw rangeError(details);
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
  if (rows.length === 0) throw EligoError.of('invalid', { code: 'invalid_request', field: '(file)', expected: 'a CSV header and rows', message: 'the CSV file is empty' });
  const header = rows[0].map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => !(CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) throw rangeError(unknown.map((name) => problem({ code: 'unknown_column', field: 'header', value: name, expected: CSV_COLUMNS.join(', '), message: `unknown column ${name}; expected ${CSV_COLUMNS.join(', ')}` })));
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  if (missing.length > 0) throw rangeError(missing.map((name) => problem({ code: 'missing_column', field: 'header', expected: name, message: `missing column ${name}` })));
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
  const problems: Problem[] = [];
  for (const [siteId, entries] of bySite) {
    try {
      result.set(siteId, validateSiteRanges(siteId, entries.map((entry) => entry.row), (index) => `line ${entries[index].line}`));
    } catch (error) {
      if (error instanceof EligoError) problems.push(...error.problems);
      else throw error;
    }
  }
  if (problems.length > 0) throw rangeError(problems);
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
