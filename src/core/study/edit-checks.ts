// The edit-check evaluator (no I/O): the checks of clinical/tables/edit-checks.ts applied to one
// panel of results, the subject's earlier results and logged transfusions. The server (conduct/labs)
// and the web form both call it, so the browser shows exactly what the server will decide.
import { analyteByKey } from '../clinical/tables/analytes.ts';
import { daysBetween } from '../clinical/calendar.ts';
import { EDIT_CHECKS, type EditCheck, type EditCheckKind, type EditCheckSeverity } from '../clinical/tables/edit-checks.ts';
import { roundFloat } from '../patient/units.ts';

export interface CheckedResult {
  analyte: string;
  /** In the analyte's canonical unit. */
  value: number;
}

export interface EarlierResult {
  analyte: string;
  collectedOn: string;
  value: number;
}

export interface CheckInput {
  collectedOn: string;
  results: readonly CheckedResult[];
  /** The subject's other results (any dates; only those before collectedOn are compared). */
  earlier?: readonly EarlierResult[];
  transfusions?: readonly { givenOn: string; product: 'RBC' | 'platelets' }[];
  /** The panel's context: transfused within N days (not necessarily logged yet). */
  context?: { transfusedWithinDays?: number };
}

export interface CheckFinding {
  checkId: string;
  kind: EditCheckKind;
  severity: EditCheckSeverity;
  /** Index in `results` of the result the finding is on. */
  index: number;
  analyte: string;
  params: Record<string, string | number>;
  message: { en: string; zh: string };
}

/** Fills {name} placeholders. */
export function renderCheckMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

function finding(check: EditCheck, index: number, analyte: string, params: Record<string, string | number>): CheckFinding {
  const definition = analyteByKey(analyte);
  const unit = definition?.unit && definition.unit !== '1' ? definition.unit : '';
  const en = { analyte: definition?.label.en ?? analyte, unit, ...params };
  const zh = { analyte: definition?.label.zh ?? analyte, unit, ...params };
  return { checkId: check.id, kind: check.kind, severity: check.severity, index, analyte, params: { unit, ...params }, message: { en: renderCheckMessage(check.message.en, en), zh: renderCheckMessage(check.message.zh, zh) } };
}

/** Every finding of every check on the panel, hard ones first. */
export function evaluateEditChecks(input: CheckInput, checks: readonly EditCheck[] = EDIT_CHECKS): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const at = (analyte: string) => input.results.findIndex((result) => result.analyte === analyte);
  for (const check of checks) {
    const rule = check.rule;
    switch (rule.type) {
      case 'within':
      case 'unusual':
        input.results.forEach((result, index) => {
          if (result.analyte !== check.analytes[0]) return;
          if (rule.type === 'within' && (result.value < rule.min || result.value > rule.max)) findings.push(finding(check, index, result.analyte, { value: result.value, min: rule.min, max: rule.max }));
          if (rule.type === 'unusual' && ((rule.low !== undefined && result.value < rule.low) || (rule.high !== undefined && result.value > rule.high))) {
            findings.push(finding(check, index, result.analyte, { value: result.value, low: rule.low ?? 0, high: rule.high ?? '∞' }));
          }
        });
        break;
      case 'parts-of-whole': {
        const whole = at(rule.whole);
        const parts = rule.parts.map(at);
        if (whole < 0 || parts.some((index) => index < 0)) break;
        const sum = roundFloat(parts.reduce((total, index) => total + input.results[index].value, 0));
        if (sum > roundFloat(input.results[whole].value * rule.factor)) findings.push(finding(check, parts[0], rule.parts[0], { value: input.results[parts[0]].value, sum, whole: input.results[whole].value }));
        break;
      }
      case 'implied-rbc': {
        const absolute = at(rule.absolute);
        const percent = at(rule.percent);
        if (absolute < 0 || percent < 0 || input.results[percent].value <= 0) break;
        const rbc = roundFloat(Math.round((input.results[absolute].value / (input.results[percent].value * 10)) * 100) / 100);
        if (rbc < rule.min || rbc > rule.max) findings.push(finding(check, absolute, rule.absolute, { value: input.results[absolute].value, percent: input.results[percent].value, rbc, min: rule.min, max: rule.max }));
        break;
      }
      case 'rise-without-transfusion':
      case 'fold-without-transfusion': {
        const index = at(check.analytes[0]);
        if (index < 0) break;
        const previous = latestBefore(input.earlier ?? [], check.analytes[0], input.collectedOn, rule.days);
        if (!previous || explainedByTransfusion(input, previous.collectedOn, rule.product)) break;
        const value = input.results[index].value;
        if (rule.type === 'rise-without-transfusion' && value - previous.value > rule.rise) {
          findings.push(finding(check, index, check.analytes[0], { value, previous: previous.value, previousOn: previous.collectedOn, change: roundFloat(value - previous.value) }));
        }
        if (rule.type === 'fold-without-transfusion' && previous.value > 0 && value >= previous.value * rule.factor) {
          findings.push(finding(check, index, check.analytes[0], { value, previous: previous.value, previousOn: previous.collectedOn, fold: roundFloat(Math.round((value / previous.value) * 10) / 10) }));
        }
        break;
      }
    }
  }
  return findings.sort((a, b) => (a.severity === b.severity ? a.index - b.index : a.severity === 'hard' ? -1 : 1));
}

/** The latest result of the analyte collected before `on` and at most `days` earlier. */
function latestBefore(earlier: readonly EarlierResult[], analyte: string, on: string, days: number): EarlierResult | undefined {
  let best: EarlierResult | undefined;
  for (const result of earlier) {
    if (result.analyte !== analyte || result.collectedOn >= on || daysBetween(result.collectedOn, on) > days) continue;
    if (!best || result.collectedOn > best.collectedOn) best = result;
  }
  return best;
}

/** A transfusion of the product logged from the earlier result's date to this one, or the panel says the subject was transfused since. */
function explainedByTransfusion(input: CheckInput, since: string, product: 'RBC' | 'platelets'): boolean {
  const within = input.context?.transfusedWithinDays;
  if (within !== undefined && within >= 0 && within <= daysBetween(since, input.collectedOn)) return true;
  return (input.transfusions ?? []).some((transfusion) => transfusion.product === product && transfusion.givenOn >= since && transfusion.givenOn <= input.collectedOn);
}
