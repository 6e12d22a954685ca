// Reading one study record against the trial model: every issue names the field path, the value
// found and what was expected.
import type * as z from 'zod';
import { trialSchema, type Trial } from './model.ts';

export type TrialIssue = { path: string; message: string };
export type ParseTrialResult = { ok: true; trial: Trial } | { ok: false; issues: TrialIssue[] };

/** Validates one study record; every issue names the field path, the value found and what was expected. */
export function parseTrial(input: unknown): ParseTrialResult {
  const result = trialSchema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, trial: result.data };
  return { ok: false, issues: result.error.issues.map(describeIssue) };
}

/** "protocolSection.armsInterventionsModule.interventions[0].type" */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || '(record)';
}

function describeIssue(issue: z.core.$ZodIssue): TrialIssue {
  const path = formatFieldPath(issue.path);
  const found = 'input' in issue ? issue.input : undefined;
  return { path, message: `${path}: ${explain(issue, found)}` };
}

function explain(issue: z.core.$ZodIssue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_value':
      return `${show(found)} is not an allowed value; expected one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      if (found === undefined) return `is required (expected ${issue.expected})`;
      return `${show(found)} has the wrong type; expected ${issue.expected}, got ${kindOf(found)}`;
    case 'invalid_format':
    case 'too_small':
    case 'too_big':
      return `${show(found)}: ${issue.message}`;
    default:
      return found === undefined ? issue.message : `${show(found)}: ${issue.message}`;
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
