// The eligibility and criteria APIs as the web app uses them (shapes: src/server/routes/screen.ts and
// criteria.ts, docs/eligibility.md, docs/criteria-parser.md). Patient records and questionnaire answers
// travel only in request bodies; the query string carries the trial, the date and the site.
import type { ScreeningResult, Verdict } from '../../core/criteria/evaluate.ts';
import type { ParsedCriterion } from '../../core/criteria/parse/parse.ts';
import type { PrintedCriterion as PrintedRule } from '../../core/criteria/print.ts';
import type { Questionnaire, QuestionnaireVerdict } from '../../core/criteria/questionnaire.ts';
import type { Criterion, Rule } from '../../core/criteria/rules.ts';
import { requestJson } from './client.ts';

// The API answers with the core's own result types (the routes return them as they are).
export type { CriterionResult, CriterionStatus, Evidence as ScreeningEvidence, ScreeningResult, Verdict } from '../../core/criteria/evaluate.ts';
export type { ParsedCriterion } from '../../core/criteria/parse/parse.ts';
export type { Question, Questionnaire, QuestionnaireVerdict } from '../../core/criteria/questionnaire.ts';

export type ReviewState = ScreeningResult['ruleSet']['review'];

/** A rule of GET /api/trials/{nctId}/rules: printed in both languages, with its rule tree as `source`. */
export interface PrintedCriterion extends Omit<PrintedRule, 'status'> {
  status?: string;
  source: Rule;
}

export interface RankedTrial {
  trial: string;
  title: string | null;
  status: string | null;
  verdict: Verdict;
  ruleSet: { version: number; review: ReviewState };
  failing: Array<{ id: string; text: string; reason: string }>;
  unknown: number;
  missing: Array<{ criterion: string; what: string }>;
  confirm: number;
}

export interface ScreeningRanking {
  asOf: string;
  screened: number;
  trials: RankedTrial[];
  warnings: string[];
}

export interface RuleSetVersion {
  version: number;
  review: string;
  source: string;
  createdAt: string;
}

export interface TrialRules {
  nctId: string;
  version: number;
  review: ReviewState;
  versions: RuleSetVersion[];
  criteria: PrintedCriterion[];
}

export interface ParsedTrialCriteria {
  nctId: string;
  text: string;
  criteria: ParsedCriterion[];
  warnings: string[];
  current: { version: number; review: ReviewState; source: string } | null;
}

/** A patient record ready to send: the text as read (Bundle JSON or NDJSON) and its media type. */
export interface PatientRecord {
  body: string;
  contentType: 'application/fhir+json' | 'application/x-ndjson';
}

function screeningQuery(options: { asOf: string; site?: string }): string {
  const query = new URLSearchParams({ asOf: options.asOf });
  if (options.site) query.set('site', options.site);
  return query.toString();
}

export function screenPatient(nctId: string, record: PatientRecord, options: { asOf: string; site?: string }, signal?: AbortSignal): Promise<ScreeningResult> {
  return requestJson<ScreeningResult>(`/api/trials/${encodeURIComponent(nctId)}/screen?${screeningQuery(options)}`, {
    method: 'POST',
    headers: { 'content-type': record.contentType },
    body: record.body,
    signal,
  });
}

export function rankTrialsForPatient(record: PatientRecord, options: { asOf: string; site?: string }, signal?: AbortSignal): Promise<ScreeningRanking> {
  return requestJson<ScreeningRanking>(`/api/screen?${screeningQuery(options)}`, {
    method: 'POST',
    headers: { 'content-type': record.contentType },
    body: record.body,
    signal,
  });
}

export function fetchTrialRules(nctId: string, signal?: AbortSignal): Promise<TrialRules> {
  return requestJson<TrialRules>(`/api/trials/${encodeURIComponent(nctId)}/rules`, { signal });
}

export function fetchParsedCriteria(nctId: string, signal?: AbortSignal): Promise<ParsedTrialCriteria> {
  return requestJson<ParsedTrialCriteria>(`/api/trials/${encodeURIComponent(nctId)}/criteria/parsed`, { signal });
}

export function approveRuleSet(nctId: string, criteria: readonly Criterion[], reviewedBy?: string): Promise<{ ruleSet: { version: number; review: ReviewState } }> {
  return requestJson(`/api/trials/${encodeURIComponent(nctId)}/rules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ criteria, ...(reviewedBy ? { reviewedBy } : {}) }),
  });
}

export function fetchQuestionnaire(nctId: string, lang: 'en' | 'zh', signal?: AbortSignal): Promise<Questionnaire> {
  return requestJson<Questionnaire>(`/api/trials/${encodeURIComponent(nctId)}/questionnaire?lang=${lang}`, { signal });
}

export function submitQuestionnaire(nctId: string, body: { lang: 'en' | 'zh'; asOf: string; answers: Record<string, string | number> }, signal?: AbortSignal): Promise<QuestionnaireVerdict> {
  return requestJson<QuestionnaireVerdict>(`/api/trials/${encodeURIComponent(nctId)}/questionnaire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
}
