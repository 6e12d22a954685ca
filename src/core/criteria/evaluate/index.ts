// The evaluator: one pure function from (rule set, patient facts, screening date, limits) to a
// screening result, criterion by criterion, with reasons and the evidence used. Used by the CLI,
// the API, the web page and batch prescreening alike.
//
// Three-valued logic plus "confirm" (combine.ts). Diagnoses, medications, procedures and allergies
// absent from the record count as absent; measurements and tests that are missing or older than
// their look-back window are unknown. Every reason is a structured explanation (explain/messages.ts)
// rendered in English and Chinese by explain/render.ts.
import type { PatientFacts } from '../../patient/facts.ts';
import { explain, type Explanation, type Named } from '../explain/messages.ts';
import { renderExplanation } from '../explain/render.ts';
import type { Criterion, CriterionKind, RuleSet } from '../rules.ts';
import { evaluateRule } from './combine.ts';
import { CLINICAL_TABLE_VERSIONS } from '../table-pins.ts';
import type { Context, Outcome } from './outcome.ts';
import type { ConfirmItem, CriterionResult, CriterionStatus, EvaluateOptions, MissingItem, RecordProblemView, ScreeningResult, Truth, Verdict } from './types.ts';

export type * from './types.ts';

/** Window starts per screening date, shared by every rule set screened for that date (ranking screens thousands). */
const windowStartsByDate = new Map<string, Map<string, string>>();

function windowStartsFor(asOf: string): Map<string, string> {
  let starts = windowStartsByDate.get(asOf);
  if (!starts) {
    if (windowStartsByDate.size >= 64) windowStartsByDate.clear();
    starts = new Map();
    windowStartsByDate.set(asOf, starts);
  }
  return starts;
}

export function evaluateRuleSet(ruleSet: RuleSet, facts: PatientFacts, options: EvaluateOptions): ScreeningResult {
  const context: Context = { facts, asOf: options.asOf, siteRanges: options.siteRanges, windowStarts: windowStartsFor(options.asOf) };
  const criteria: CriterionResult[] = [];
  const missing: MissingItem[] = [];
  const confirm: ConfirmItem[] = [];
  for (const criterion of ruleSet.criteria) {
    const outcome = evaluateRule(criterion.rule, context);
    const status = criterionStatus(criterion.kind, outcome.truth);
    const questions = status === 'confirm' ? distinctNames(outcome.confirm) : [];
    const notEncoded = criterion.status === 'partial' && criterion.unparsed && criterion.unparsed.length > 0 ? criterion.unparsed.map((part) => part.text.replace(/\s+/g, ' ').trim()) : undefined;
    const explanation = explainCriterion(criterion.kind, status, outcome, questions, notEncoded);
    const result: CriterionResult = {
      id: criterion.id,
      kind: criterion.kind,
      text: criterion.text,
      status,
      reason: renderExplanation(explanation, 'en'),
      evidence: outcome.evidence,
      reasonZh: renderExplanation(explanation, 'zh'),
      explanation,
    };
    addAmbiguities(result, outcome.ambiguities);
    if (notEncoded) result.notEncoded = notEncoded;
    criteria.push(result);
    if (status === 'unknown') for (const item of missingItems(criterion, outcome.missing)) missing.push(item);
    for (const question of questions) confirm.push(question.zh ? { criterion: criterion.id, question: question.en, questionZh: question.zh } : { criterion: criterion.id, question: question.en });
  }
  const verdict: Verdict = criteria.some((c) => c.status === 'fail') ? 'ineligible' : criteria.some((c) => c.status === 'unknown') ? 'incomplete' : 'eligible';
  return {
    trial: ruleSet.nctId,
    asOf: options.asOf,
    verdict,
    ruleSet: ruleSetReference(ruleSet),
    criteria,
    missing,
    confirm,
    warnings: facts.problems.map((problem) => problem.message),
    recordProblems: recordProblemViews(facts),
  };
}

function addAmbiguities(result: CriterionResult, ambiguities: Named[]): void {
  if (ambiguities.length === 0) return;
  result.ambiguities = ambiguities.map((note) => note.en);
  if (ambiguities.some((note) => note.zh)) result.ambiguitiesZh = ambiguities.map((note) => note.zh ?? null);
}

function missingItems(criterion: Criterion, needs: Explanation[]): MissingItem[] {
  const byText = new Map<string, MissingItem>();
  for (const need of needs) {
    const what = renderExplanation(need, 'en');
    if (!byText.has(what)) byText.set(what, { criterion: criterion.id, what, whatZh: renderExplanation(need, 'zh'), explanation: need });
  }
  return [...byText.values()];
}

function criterionStatus(kind: CriterionKind, truth: Truth): CriterionStatus {
  if (truth === 'unknown') return 'unknown';
  if (truth === 'confirm') return 'confirm';
  const holds = truth === 'true';
  return kind === 'inclusion' ? (holds ? 'pass' : 'fail') : holds ? 'fail' : 'pass';
}

/** The criterion's verdict with the leaves that decided it. */
function explainCriterion(kind: CriterionKind, status: CriterionStatus, outcome: Outcome, questions: Named[], notEncoded: string[] | undefined): Explanation {
  const extra = notEncoded ? { notEncoded } : {};
  if (status === 'confirm' && questions.length > 0) return explain('criterion.confirm', { questions, ...extra });
  const detail = outcome.explanation;
  if (status === 'unknown') return explain('criterion.unknown', { detail, ...extra });
  if (status === 'fail') return explain(kind === 'inclusion' ? 'criterion.notMet' : 'criterion.excluded', { detail, ...extra });
  return explain('criterion.met', { detail, ...extra });
}

/** Distinct by English text; the first Chinese seen for a text is kept. */
function distinctNames(items: Named[]): Named[] {
  if (items.length < 2) return items;
  const byText = new Map<string, Named>();
  for (const item of items) if (!byText.has(item.en)) byText.set(item.en, item);
  return [...byText.values()];
}

const VERDICT_ORDER: Record<Verdict, number> = { eligible: 0, incomplete: 1, ineligible: 2 };

/** Eligible first, then incomplete by how little is missing, then ineligible by how few criteria fail. */
export function compareScreeningResults(a: ScreeningResult, b: ScreeningResult): number {
  const byVerdict = VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict];
  if (byVerdict !== 0) return byVerdict;
  const count = (result: ScreeningResult, status: CriterionStatus) => result.criteria.filter((c) => c.status === status).length;
  if (a.verdict === 'incomplete') return count(a, 'unknown') - count(b, 'unknown') || a.missing.length - b.missing.length || a.trial.localeCompare(b.trial);
  if (a.verdict === 'ineligible') return count(a, 'fail') - count(b, 'fail') || a.trial.localeCompare(b.trial);
  return count(a, 'confirm') - count(b, 'confirm') || a.trial.localeCompare(b.trial);
}

export function recordProblemViews(facts: PatientFacts): RecordProblemView[] {
  return facts.problems.map(({ resource, field, detail }) => ({ resource, field, detail }));
}

/** The rule set's version and review state, with any clinical-table pin this build does not match (checked at every screening, not only on import). */
function ruleSetReference(ruleSet: RuleSet): ScreeningResult['ruleSet'] {
  const reference: ScreeningResult['ruleSet'] = { version: ruleSet.version, review: ruleSet.review };
  if (!ruleSet.tables) return reference;
  const differ = Object.entries(ruleSet.tables).flatMap(([table, pinned]) => {
    const current = CLINICAL_TABLE_VERSIONS[table];
    return current === pinned ? [] : [current === undefined ? { table, pinned } : { table, pinned, current }];
  });
  if (differ.length > 0) reference.tablesDiffer = differ;
  return reference;
}
