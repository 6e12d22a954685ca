// Input of the three clinical calculators (grade, severity, response), validated with zod: the same
// schemas serve the CLI's JSON Lines and the API. Impossible values (platelets −5, Hb 400 g/L) are
// refused after unit conversion, against the plausibility table (clinical/tables/plausibility.ts).
import * as z from 'zod';
import { plausibleRange } from '../clinical/tables/plausibility.ts';
import { analyteByKey, type AnalyteDefinition } from '../clinical/tables/analytes.ts';
import { ctcaeLabTerm } from '../clinical/tables/ctcae-v5.ts';
import { RESPONSE_SCHEMES } from '../clinical/tables/response-schemes.ts';
import { SEVERITY_SCHEMES } from '../clinical/tables/severity.ts';
import { isIsoDate } from '../clinical/calendar.ts';
import { problem, type Problem } from '../problems.ts';
import { toCanonicalUnit } from '../patient/units.ts';

const finite = z.number({ error: 'a number' }).refine(Number.isFinite, 'a finite number');
const unit = z.string({ error: 'a unit (UCUM, e.g. "10*9/L", "g/L")' }).trim().min(1, 'a unit (UCUM, e.g. "10*9/L", "g/L")');
const id = z.union([z.string(), z.number()], { error: 'a string or number' });
const percent = z.number({ error: 'a percentage (number)' }).min(0, 'a percentage from 0 to 100').max(100, 'a percentage from 0 to 100');
const isoDate = z.string({ error: 'a date YYYY-MM-DD' }).refine(isIsoDate, 'a date YYYY-MM-DD');
const method = z.enum(['manual', 'automated'], { error: 'manual or automated' });

/** The bound check of one value, or undefined when it cannot be converted (the calculator then says why). */
export function implausible(value: number, valueUnit: string, analyteKey: string): string | undefined {
  const bounds = plausibleRange(analyteKey);
  const analyte = analyteByKey(analyteKey) as AnalyteDefinition;
  if (value < 0) return `a non-negative ${analyte.label.en}`;
  if (!bounds) return undefined;
  const converted = toCanonicalUnit(value, valueUnit, analyte);
  if (!converted.ok || (converted.value >= bounds.min && converted.value <= bounds.max)) return undefined;
  return `a possible ${analyte.label.en}: ${bounds.min}–${bounds.max} ${analyte.unit}${converted.value === value ? '' : ` (got ${converted.value} ${analyte.unit})`}`;
}

/** {value, unit} of one analyte, its value within the plausible bounds. */
function quantity(analyteKey: string) {
  return z.strictObject({ value: finite, unit }, { error: `{value, unit} (e.g. {"value": 20, "unit": "10*9/L"})` }).superRefine((q, ctx) => {
    const wrong = implausible(q.value, q.unit, analyteKey);
    if (wrong) ctx.addIssue({ code: 'custom', path: ['value'], message: wrong });
  });
}

export const gradeInputSchema = z.strictObject({
  id: id.optional(),
  term: z.string({ error: 'a CTCAE v5.0 term, e.g. "Platelet count decreased"' }).min(1, 'a CTCAE v5.0 term'),
  value: finite,
  unit,
  lln: finite.optional(),
  uln: finite.optional(),
  limitsUnit: unit.optional(),
  baseline: finite.optional(),
  baselineUnit: unit.optional(),
  anticoagulated: z.boolean({ error: 'true or false' }).optional(),
}).superRefine((input, ctx) => {
  const term = ctcaeLabTerm(input.term);
  if (!term) return;
  for (const [field, value, valueUnit] of [['value', input.value, input.unit], ['baseline', input.baseline, input.baselineUnit ?? input.unit], ['lln', input.lln, input.limitsUnit ?? input.unit], ['uln', input.uln, input.limitsUnit ?? input.unit]] as const) {
    if (value === undefined) continue;
    const wrong = implausible(value, valueUnit, term.analyte);
    if (wrong) ctx.addIssue({ code: 'custom', path: [field], message: wrong });
  }
  if (input.lln !== undefined && input.uln !== undefined && input.lln > input.uln) ctx.addIssue({ code: 'custom', path: ['lln'], message: `an LLN not above the ULN (${input.uln})` });
});

const severitySchemes = SEVERITY_SCHEMES.map((s) => s.id) as [string, ...string[]];
export const severityInputSchema = z.strictObject({
  id: id.optional(),
  scheme: z.enum(severitySchemes as ['modified-camitta', 'camitta', 'chinese-2017', 'nih'], { error: `one of ${severitySchemes.join(', ')}` }).optional(),
  anc: quantity('anc'),
  platelets: quantity('platelets'),
  reticulocytes: quantity('reticulocytes').optional(),
  reticulocytePercent: percent.optional(),
  reticulocyteMethod: method.optional(),
  cellularity: percent.optional(),
  residualHematopoieticPercent: percent.optional(),
});

const counts = {
  hb: quantity('hemoglobin'),
  anc: quantity('anc'),
  platelets: quantity('platelets'),
  reticulocytes: quantity('reticulocytes').optional(),
  reticulocyteMethod: method.optional(),
};
const responseSchemes = RESPONSE_SCHEMES.map((s) => s.id);
export const responseInputSchema = z.strictObject({
  id: id.optional(),
  scheme: z.enum(responseSchemes as ['bsh-2016', 'nih', 'ebmt-race', 'chinese'], { error: `one of ${responseSchemes.join(', ')}` }).optional(),
  sex: z.enum(['male', 'female'], { error: 'male or female' }),
  age: z.number({ error: 'an age in whole years' }).int('an age in whole years').min(0, 'an age from 0 to 120').max(120, 'an age from 0 to 120'),
  baseline: z.strictObject({ ...counts, severity: z.enum(['VSAA', 'SAA', 'NSAA'], { error: 'VSAA, SAA or NSAA' }).optional() }, { error: 'an object {hb, anc, platelets, severity?}' }),
  assessment: z.strictObject({ date: isoDate, ...counts }, { error: 'an object {date, hb, anc, platelets}' }),
  transfusions: z.array(z.strictObject({
    date: isoDate,
    product: z.enum(['RBC', 'platelets'], { error: 'RBC or platelets' }),
    units: z.number({ error: 'a number of units' }).positive('a positive number of units'),
  }), { error: 'a list of transfusions [{date, product, units}] (empty when none)' }),
  transfusionDependentAtBaseline: z.boolean({ error: 'true or false' }).optional(),
  hbLowerLimit: quantity('hemoglobin').optional(),
});

export type GradeInputLine = z.infer<typeof gradeInputSchema>;
export type SeverityInputLine = z.infer<typeof severityInputSchema>;
export type ResponseInputLine = z.infer<typeof responseInputSchema>;

/** The first problem of a failed parse, naming the field, the value found and what was expected. */
export function firstProblem(error: z.ZodError, input: unknown): Problem {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path.map(String), issue.keys[0]].join('.');
    return problem({ code: 'invalid', field, expected: 'no such field (check its spelling)' });
  }
  const field = issue.path.map(String).join('.') || '(line)';
  return problem({ code: 'invalid', field, value: valueAt(input, issue.path), expected: issue.message });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
