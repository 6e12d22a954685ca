// The rows a study report is computed from (src/core/study/study-report.ts), read within a site scope
// in one snapshot: screenings and their outcomes, enrollments with arms, consent withdrawals, who was
// treated, the assessments' responses and the adverse events' grades. Nothing identifying is read.
import { sql, type Kysely } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { ReportInput } from '../../core/study/study-report.ts';
import type { Tables } from '../tables.ts';
import { inScopeSites } from './follow-up-read.ts';

export type ReportRows = Pick<ReportInput, 'screenings' | 'enrollments' | 'withdrawals' | 'treated' | 'assessments' | 'adverseEvents'>;

export interface ReportRowReader {
  reportRows(scope: SiteScope): Promise<ReportRows>;
}

const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export function kyselyReportRowReader(db: Kysely<Tables>): ReportRowReader {
  return {
    async reportRows(scope) {
      const inScope = (table: 'screening' | 'administration' | 'disease_assessment' | 'adverse_event') => sql<boolean>`${sql.ref(`${table}.study_id`)} = ${scope.studyId}${inScopeSites(scope, `${table}.site_code`)}`;
      // One snapshot: every count comes from the same moment, so the figures add up.
      const read = async (trx: Kysely<Tables>): Promise<ReportRows> => {
        const screenings = await trx.selectFrom('screening').select(['subject_number', 'site_code', 'outcome', 'failure_reasons']).where(inScope('screening')).orderBy('subject_number').execute();
        const enrollments = await trx.selectFrom('enrollment').innerJoin('screening', 'screening.id', 'enrollment.screening_id').select(['screening.subject_number', 'enrollment.arm']).where(inScope('screening')).execute();
        const withdrawals = await trx.selectFrom('consent').innerJoin('screening', 'screening.id', 'consent.screening_id').select(['screening.subject_number', 'consent.withdrawn_on', 'consent.withdrawal_reason'])
          .where(inScope('screening')).where('consent.withdrawn_on', 'is not', null).execute();
        const treated = await trx.selectFrom('administration').select('subject_number').distinct().where(inScope('administration')).execute();
        const assessments = await trx.selectFrom('disease_assessment').select(['subject_number', 'time_point', 'response']).where(inScope('disease_assessment')).execute();
        const adverseEvents = await trx.selectFrom('adverse_event').select(['subject_number', 'term', 'grade', 'serious']).where(inScope('adverse_event')).execute();
        return {
          screenings: screenings.map((row) => ({ subjectNumber: row.subject_number, siteCode: row.site_code, outcome: row.outcome, failureReasons: row.failure_reasons })),
          enrollments: enrollments.map((row) => ({ subjectNumber: row.subject_number, arm: row.arm })),
          withdrawals: withdrawals.map((row) => ({ subjectNumber: row.subject_number, withdrawnOn: day(row.withdrawn_on), reason: row.withdrawal_reason })),
          treated: treated.map((row) => row.subject_number),
          assessments: assessments.map((row) => ({ subjectNumber: row.subject_number, timePoint: row.time_point, response: row.response as ReportInput['assessments'][number]['response'] })),
          adverseEvents: adverseEvents.map((row) => ({ subjectNumber: row.subject_number, term: row.term, grade: row.grade, serious: row.serious })),
        };
      };
      return db.isTransaction ? read(db) : db.transaction().setIsolationLevel('repeatable read').execute(read);
    },
  };
}
