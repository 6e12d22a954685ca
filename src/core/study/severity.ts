// Aplastic-anaemia severity from blood counts and marrow findings: the interpreter of
// clinical/tables/severity.ts. Each criterion is three-valued (met / not met / unknown when its data
// are missing); VSAA → SAA → NSAA; null when the data cannot decide. Missing marrow data are said in
// the reason: the classification then rests on blood counts alone.
import { analyteByKey, type AnalyteDefinition } from '../clinical/tables/analytes.ts';
import { DEFAULT_SEVERITY_SCHEME, severityScheme, type MarrowCriterion, type ReticulocyteCriterion, type SeveritySchemeId } from '../clinical/tables/severity.ts';
import { toCanonicalUnit } from '../patient/units.ts';

export interface Count { value: number; unit: string }

export interface SeverityInput {
  scheme?: SeveritySchemeId;
  anc: Count;
  platelets: Count;
  reticulocytes?: Count;
  reticulocytePercent?: number;
  reticulocyteMethod?: 'manual' | 'automated';
  /** Marrow cellularity, % of normal. */
  cellularity?: number;
  /** Residual haematopoietic cells, %. */
  residualHematopoieticPercent?: number;
}

export type Severity = 'VSAA' | 'SAA' | 'NSAA';

export interface SeverityResult {
  severity: Severity | null;
  reason: string;
  scheme: SeveritySchemeId;
  /** Each criterion's outcome, for display. */
  criteria: { neutrophils: Truth; platelets: Truth; reticulocytes: Truth; marrow: Truth | 'not given' };
  problem?: { field: string; value: unknown; expected: string };
}

type Truth = boolean | 'unknown';

/** A measured quantity in its analyte's canonical unit (counts 10*9/L, Hb g/L), or a problem naming the field. */
export function countIn(count: Count, analyteKey: string, field: string): { value: number } | { problem: { field: string; value: unknown; expected: string; message: string } } {
  const analyte = analyteByKey(analyteKey) as AnalyteDefinition;
  const converted = toCanonicalUnit(count.value, count.unit, analyte);
  if (converted.ok) return { value: converted.value };
  return { problem: { field: `${field}.unit`, value: count.unit, expected: `${analyte.label.en} in ${analyte.unit} or a unit convertible to it`, message: `${field}.unit: ${converted.message}` } };
}

export function classifySeverity(input: SeverityInput): SeverityResult {
  const scheme = severityScheme(input.scheme ?? DEFAULT_SEVERITY_SCHEME);
  const base = { scheme: scheme.id };
  const anc = countIn(input.anc, 'anc', 'anc');
  const platelets = countIn(input.platelets, 'platelets', 'platelets');
  const retic = input.reticulocytes ? countIn(input.reticulocytes, 'reticulocytes', 'reticulocytes') : undefined;
  for (const converted of [anc, platelets, retic]) {
    if (converted && 'problem' in converted) {
      return { ...base, severity: null, reason: converted.problem.message, criteria: { neutrophils: 'unknown', platelets: 'unknown', reticulocytes: 'unknown', marrow: 'unknown' }, problem: { field: converted.problem.field, value: converted.problem.value, expected: converted.problem.expected } };
    }
  }
  const ancValue = (anc as { value: number }).value;
  const pltValue = (platelets as { value: number }).value;
  const parts: string[] = [];

  const neutrophils = ancValue < scheme.neutrophils.below;
  parts.push(`ANC ${ancValue} ${neutrophils ? '<' : '≥'} ${scheme.neutrophils.below}`);
  const plt = pltValue < scheme.platelets.below;
  parts.push(`platelets ${pltValue} ${plt ? '<' : '≥'} ${scheme.platelets.below}`);
  const reticulocytes = reticulocyteCriterion(scheme.reticulocytes, retic && 'value' in retic ? retic.value : undefined, input, parts);

  const met = [neutrophils, plt, reticulocytes].filter((t) => t === true).length;
  const unknown = [neutrophils, plt, reticulocytes].filter((t) => t === 'unknown').length;
  const blood: Truth = met >= scheme.needed ? true : met + unknown < scheme.needed ? false : 'unknown';
  const bloodText = `${met} of 3 blood criteria met${unknown ? ` (${unknown} unknown)` : ''}, ${scheme.needed} needed`;

  const marrow = marrowCriterion(scheme.marrow, input);
  const criteria = { neutrophils, platelets: plt, reticulocytes, marrow: marrow.truth };
  const head = `${scheme.scheme}: ${parts.join('; ')} (counts in 10*9/L)`;
  const marrowText = marrow.text;
  const result = (severity: Severity | null, conclusion: string): SeverityResult => ({ ...base, severity, criteria, reason: `${conclusion} — ${head}; ${bloodText}; ${marrowText}${scheme.note ? `; note: ${scheme.note}` : ''}` });

  if (blood === false) return result('NSAA', 'non-severe: the blood criteria of severe AA are not met');
  if (marrow.truth === false) return result('NSAA', 'non-severe: the marrow criterion of severe AA is not met');
  if (blood === 'unknown') return result(null, 'cannot classify: too few blood counts to decide whether 2 of 3 criteria are met (give reticulocytes and their method)');
  if (marrow.truth === 'unknown') return result(null, 'cannot classify: the blood criteria of severe AA are met but the marrow criterion cannot be decided (give residualHematopoieticPercent)');
  const onBloodAlone = marrow.truth === 'not given' ? ' on blood counts alone (no marrow data: the marrow criterion is assumed, not checked)' : '';
  if (ancValue < scheme.verySevereNeutrophils.below) return result('VSAA', `very severe${onBloodAlone}: severe criteria met and ANC ${ancValue} < ${scheme.verySevereNeutrophils.below}`);
  return result('SAA', `severe${onBloodAlone}: severe criteria met, ANC ${ancValue} ≥ ${scheme.verySevereNeutrophils.below} (not very severe)`);
}

function reticulocyteCriterion(rule: ReticulocyteCriterion, absolute: number | undefined, input: SeverityInput, parts: string[]): Truth {
  if (rule.percent !== undefined) {
    if (input.reticulocytePercent === undefined) {
      parts.push('reticulocyte % not given');
      return 'unknown';
    }
    const met = input.reticulocytePercent < rule.percent;
    parts.push(`reticulocytes ${input.reticulocytePercent} % ${met ? '<' : '≥'} ${rule.percent} %`);
    return met;
  }
  const limits = rule.absolute ?? {};
  if (absolute === undefined) {
    parts.push('absolute reticulocytes not given');
    return 'unknown';
  }
  if (limits.any !== undefined) {
    const met = absolute < limits.any;
    parts.push(`reticulocytes ${absolute} ${met ? '<' : '≥'} ${limits.any}`);
    return met;
  }
  const method = input.reticulocyteMethod;
  if (method) {
    const limit = limits[method] as number;
    const met = absolute < limit;
    parts.push(`reticulocytes ${absolute} ${met ? '<' : '≥'} ${limit} (${method} count)`);
    return met;
  }
  const low = Math.min(limits.manual ?? Infinity, limits.automated ?? Infinity);
  const high = Math.max(limits.manual ?? -Infinity, limits.automated ?? -Infinity);
  if (absolute < low) {
    parts.push(`reticulocytes ${absolute} < ${low} (met by either method)`);
    return true;
  }
  if (absolute >= high) {
    parts.push(`reticulocytes ${absolute} ≥ ${high} (not met by either method)`);
    return false;
  }
  parts.push(`reticulocytes ${absolute}: met if counted by analyser (< ${limits.automated}), not if counted manually (< ${limits.manual}) — method not given`);
  return 'unknown';
}

function marrowCriterion(rule: MarrowCriterion, input: SeverityInput): { truth: Truth | 'not given'; text: string } {
  const { cellularity, residualHematopoieticPercent: residual } = input;
  if (cellularity === undefined) return { truth: 'not given', text: 'marrow cellularity not given' };
  if (cellularity < rule.cellularityBelow) return { truth: true, text: `marrow cellularity ${cellularity} % < ${rule.cellularityBelow} %` };
  if (cellularity > rule.band.to) return { truth: false, text: `marrow cellularity ${cellularity} % > ${rule.band.to} %` };
  if (residual === undefined) return { truth: 'unknown', text: `marrow cellularity ${cellularity} % (${rule.band.from}–${rule.band.to} %) needs the residual haematopoietic cells, not given` };
  const met = residual < rule.band.residualBelow;
  return { truth: met, text: `marrow cellularity ${cellularity} % (${rule.band.from}–${rule.band.to} %) with residual haematopoietic cells ${residual} % ${met ? '<' : '≥'} ${rule.band.residualBelow} %` };
}
