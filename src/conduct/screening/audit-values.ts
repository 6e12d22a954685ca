// What a screening's audit entry keeps: the facts of the screening, never the identity and not the
// full engine result (it is stored with the screening; the entry names the rule-set version it came from).
import type { ScreeningRecord } from '../../store/conduct/subject-repository.ts';

export function screeningAuditValue(record: ScreeningRecord) {
  return {
    subjectNumber: record.subjectNumber,
    siteCode: record.siteCode,
    screenedOn: record.screenedOn,
    origin: record.origin,
    ruleSet: record.ruleSet,
    verdict: record.verdict,
    criteria: record.result.criteria.map((criterion) => ({ id: criterion.id, status: criterion.status })),
    factors: record.factors,
    outcome: record.outcome,
  };
}
