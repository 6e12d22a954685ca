// A rule set records the versions of the clinical tables it was written against (`tables`); the pins
// are checked against the tables in this build when a rule set is loaded, so rules written for other
// codes or limits are never applied silently.
import { ANALYTE_TABLE_VERSION } from '../clinical/tables/analytes.ts';
import { CONDITION_TABLE_VERSION } from '../clinical/tables/conditions.ts';
import { MEDICATION_TABLE_VERSION } from '../clinical/tables/medications.ts';
import { PROCEDURE_TABLE_VERSION } from '../clinical/tables/procedures.ts';
import { QUALITATIVE_TABLE_VERSION } from '../clinical/tables/qualitative.ts';
import { REFERENCE_RANGE_TABLE_VERSION } from '../clinical/tables/reference-ranges.ts';
import { SCALE_TABLE_VERSION } from '../clinical/tables/scales.ts';
import { problem, type Problem } from '../problems.ts';
import type { RuleSet } from './rules.ts';

/** The clinical tables a rule set may pin, by the name it uses, with this build's version of each. */
export const CLINICAL_TABLE_VERSIONS: Readonly<Record<string, string>> = {
  analytes: ANALYTE_TABLE_VERSION,
  conditions: CONDITION_TABLE_VERSION,
  medications: MEDICATION_TABLE_VERSION,
  procedures: PROCEDURE_TABLE_VERSION,
  qualitative: QUALITATIVE_TABLE_VERSION,
  referenceRanges: REFERENCE_RANGE_TABLE_VERSION,
  scales: SCALE_TABLE_VERSION,
};

/** One problem per pin that names an unknown table (code 'unknown_table') or another version ('table_version_mismatch'). */
export function tablePinProblems(ruleSet: Pick<RuleSet, 'nctId' | 'tables'>): Problem[] {
  return Object.entries(ruleSet.tables ?? {}).flatMap(([table, pinned]): Problem[] => {
    const current = CLINICAL_TABLE_VERSIONS[table];
    if (current === undefined) {
      return [problem({ code: 'unknown_table', field: `tables.${table}`, value: pinned, expected: `one of ${Object.keys(CLINICAL_TABLE_VERSIONS).join(', ')}` })];
    }
    if (current === pinned) return [];
    return [problem({ code: 'table_version_mismatch', field: `tables.${table}`, value: pinned, expected: current, message: `${ruleSet.nctId}: the rule set was written against ${table} table ${JSON.stringify(pinned)}, but this build has ${JSON.stringify(current)}; review the rules against the current table` })];
  });
}
