// The eligibility and criteria APIs as the web app uses them (shapes: src/server/routes/screen.ts and
// criteria.ts, docs/eligibility.md, docs/criteria-parser.md). Patient records and questionnaire answers
// travel only in request bodies; the query string carries the trial, the date and the site.
import type { ScreeningResult, Verdict } from '../../core/criteria/evaluate.ts';
import type { ParsedCriterion } from '../../core/criteria/parse/parse.ts';
import type { PrintedCriterion as PrintedRule } from '../../core/criteria/print.ts';
import type { Questionnaire, QuestionnaireVerdict } from '../../core/criteria/questionnaire.ts';
import type { Criterion, ParseStatus, Rule } from '../../core/criteria/rules.ts';
import type { Ranking as ScreeningRanking, RankingDetail } from '../../eligibility/screening.ts';
import { requestJson } from './client.ts';

// The API answers with the core's own result types (the routes return them as they are).
export type { CriterionResult, CriterionStatus, Evidence as ScreeningEvidence, ScreeningResult, Verdict } from '../../core/criteria/evaluate.ts';
export type { ParsedCriterion } from '../../core/criteria/parse/parse.ts';
export type { Question, Questionnaire, QuestionnaireVerdict } from '../../core/criteria/questionnaire.ts';

export type ReviewState = ScreeningResult['ruleSet']['review'];

/** A rule of GET /api/trials/{nctId}/rules: printed in both languages, with its rule tree as `source`. */
export interface PrintedCriterion extends Omit<PrintedRule, 'status'> {
  status?: ParseStatus;
  /** Parts of the criterion's text the parser did not turn into rules. */
  unparsed: Array<{ text: string; span?: [number, number] }>;
  source: Rule;
}

// POST /api/screen answers with the service's ranking as it is.
export type { RankedTrial, Ranking as ScreeningRanking, RankingDetail } from '../../eligibility/screening.ts';

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
  /** 'seed', 'hand' or 'parser'. */
  source: string;
  /** The parser version that produced an unreviewed parser rule set. */
  parserVersion: string | null;
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

/** GET /api/rule-sets: one trial with a rule set, for the review list. */
export type { RuleSetListItem } from '../../store/rule-sets.ts';
import type { RuleSetListItem } from '../../store/rule-sets.ts';

export interface RuleSetList {
  total: number;
  items: RuleSetListItem[];
}

/** GET /api/sites: the sites with reference ranges. */
export interface SiteWithRanges {
  siteId: string;
  ranges: number;
  analytes: number;
}

/** GET /api/eligibility/catalog: what screening understands. */
export interface EligibilityCatalog {
  analytes: Array<{ key: string; kind: 'quantity' | 'qualitative'; short: string; label: { en: string; zh: string }; unit?: string; loinc: string[] }>;
  concepts: Array<{ id: string; domain: string; label: { en: string; zh: string } }>;
  scales: Array<{ id: string; label: { en: string; zh: string }; grades: number[] }>;
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

export function rankTrialsForPatient(record: PatientRecord, options: { asOf: string; site?: string; limit?: number; detail?: RankingDetail }, signal?: AbortSignal): Promise<ScreeningRanking> {
  const query = new URLSearchParams(screeningQuery(options));
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  if (options.detail) query.set('detail', options.detail);
  return requestJson<ScreeningRanking>(`/api/screen?${query}`, {
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

export function fetchRuleSetList(options: { review?: ReviewState; limit: number; offset: number }, signal?: AbortSignal): Promise<RuleSetList> {
  const query = new URLSearchParams({ limit: String(options.limit), offset: String(options.offset) });
  if (options.review) query.set('review', options.review);
  return requestJson<RuleSetList>(`/api/rule-sets?${query}`, { signal });
}

export async function fetchSites(signal?: AbortSignal): Promise<SiteWithRanges[]> {
  return (await requestJson<{ sites: SiteWithRanges[] }>('/api/sites', { signal })).sites;
}

export function fetchCatalog(signal?: AbortSignal): Promise<EligibilityCatalog> {
  return requestJson<EligibilityCatalog>('/api/eligibility/catalog', { signal });
}
