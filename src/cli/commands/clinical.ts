// eligo clinical grade|severity|response: batch calculators over JSON Lines on stdin, one output line
// per input line in the same order (docs/clinical-calculators.md). A bad line yields
// {id?, error: {field, value, expected}} and processing goes on; the exit code is 1 if any line failed.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type * as z from 'zod';
import { firstProblem, gradeInputSchema, responseInputSchema, severityInputSchema } from '../../core/study/calculator-input.ts';
import { gradeLab } from '../../core/study/grading.ts';
import { assessResponse } from '../../core/study/response.ts';
import { classifySeverity } from '../../core/study/severity.ts';

type Outcome = { ok: true; fields: Record<string, unknown> } | { ok: false; error: { field: string; value?: unknown; expected: string }; message: string };

interface Calculator<T> {
  schema: z.ZodType<T>;
  compute(input: T): Outcome;
  /** One readable line without --json. */
  text(fields: Record<string, unknown>): string;
}

const calculators = {
  grade: {
    schema: gradeInputSchema,
    compute: ({ id: _id, ...input }) => {
      const result = gradeLab(input);
      return { ok: true, fields: { grade: result.grade, reason: result.reason } };
    },
    text: (fields) => `${fields.grade === null ? 'not graded' : `grade ${fields.grade}`}: ${fields.reason}`,
  } satisfies Calculator<z.infer<typeof gradeInputSchema>>,
  severity: {
    schema: severityInputSchema,
    compute: ({ id: _id, ...input }) => {
      const result = classifySeverity(input);
      if (result.problem) return failure(result.problem, result.reason);
      return { ok: true, fields: { severity: result.severity, reason: result.reason } };
    },
    text: (fields) => `${fields.severity ?? 'not classified'}: ${fields.reason}`,
  } satisfies Calculator<z.infer<typeof severityInputSchema>>,
  response: {
    schema: responseInputSchema,
    compute: ({ id: _id, ...input }) => {
      const result = assessResponse(input);
      if (result.problem) return failure(result.problem, result.reason);
      return { ok: true, fields: { response: result.response, reason: result.reason } };
    },
    text: (fields) => `${fields.response ?? 'undecided'}: ${fields.reason}`,
  } satisfies Calculator<z.infer<typeof responseInputSchema>>,
};

function failure(problem: { field: string; value: unknown; expected: string }, message: string): Outcome {
  return { ok: false, error: { field: problem.field, value: problem.value, expected: problem.expected }, message };
}

const HELP: Record<keyof typeof calculators, string> = {
  grade: 'CTCAE v5.0 grade of lab values: {id, term, value, unit, lln?, uln?, limitsUnit?, baseline?, baselineUnit?, anticoagulated?} → {id, grade, reason}',
  severity: 'aplastic-anaemia severity: {id, anc, platelets, reticulocytes?, reticulocytePercent?, reticulocyteMethod?, cellularity?, residualHematopoieticPercent?, scheme?} → {id, severity, reason}',
  response: 'haematological response: {id, scheme?, sex, age, baseline, assessment, transfusions, transfusionDependentAtBaseline?} → {id, response, reason}',
};

export function registerClinical(program: Command): void {
  const clinical = program.command('clinical').description('clinical calculators over JSON Lines on stdin (docs/clinical-calculators.md); exit code 1 if any line failed');
  for (const name of Object.keys(calculators) as Array<keyof typeof calculators>) {
    clinical
      .command(name)
      .description(HELP[name])
      .option('--json', 'write one JSON object per input line')
      .action(async (options: { json?: boolean }) => {
        const failed = await runLines(calculators[name] as Calculator<unknown>, options.json === true);
        if (failed > 0) process.exitCode = 1;
      });
  }
}

async function runLines(calculator: Calculator<unknown>, json: boolean): Promise<number> {
  let failed = 0;
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const { id, outcome } = processLine(calculator, line);
    const withId = id === undefined ? {} : { id };
    if (!outcome.ok) {
      failed++;
      process.stderr.write(`eligo: line ${lineNumber}: ${outcome.message}\n`);
      process.stdout.write(json ? `${JSON.stringify({ ...withId, error: outcome.error })}\n` : `${id ?? `line ${lineNumber}`}: error: ${outcome.message}\n`);
      continue;
    }
    process.stdout.write(json ? `${JSON.stringify({ ...withId, ...outcome.fields })}\n` : `${id ?? `line ${lineNumber}`}: ${calculator.text(outcome.fields)}\n`);
  }
  return failed;
}

function processLine(calculator: Calculator<unknown>, line: string): { id?: unknown; outcome: Outcome } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    const value = line.length > 80 ? `${line.slice(0, 77)}...` : line;
    return { outcome: { ok: false, error: { field: '(line)', value, expected: 'a JSON object' }, message: `(line): expected a JSON object (got ${JSON.stringify(value)})` } };
  }
  const id = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? idOf((raw as { id?: unknown }).id) : undefined;
  if (id === undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    return { outcome: { ok: false, error: { field: '(line)', value: Array.isArray(raw) ? undefined : raw, expected: 'a JSON object' }, message: '(line): expected a JSON object' } };
  }
  const parsed = calculator.schema.safeParse(raw);
  if (!parsed.success) {
    const problem = firstProblem(parsed.error, raw);
    return { id, outcome: { ok: false, error: { field: problem.field, ...(problem.value === undefined ? {} : { value: problem.value }), expected: problem.expected }, message: problem.message } };
  }
  return { id, outcome: calculator.compute(parsed.data) };
}

function idOf(value: unknown): string | number | undefined {
  return typeof value === 'string' || typeof value === 'number' ? value : undefined;
}
