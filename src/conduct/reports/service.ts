// A study's report for the reader: the figures of src/core/study/study-report.ts over the rows of the
// sites the reader may see (study.read) — a coordinator's report is their site's — optionally one site.
// An unseen study is not_found like a missing one; an unknown site code is refused naming it; a study
// with nobody screened yet gets an empty, correct report.
import { canViewAllocation, requireScope, scopeIncludes, type Actor } from '../access/actor.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { buildStudyReport, type StudyReport } from '../../core/study/study-report.ts';
import type { Stores } from '../../store/index.ts';
import { conductOf, systemClock, type ConductClock } from '../screening/subject-access.ts';
import { SITE_CODE_PATTERN } from '../studies/study-file.ts';

export interface ReportService {
  studyReport(actor: Actor, studyId: string, options?: { siteCode?: string }): Promise<StudyReport>;
}

export function reportService({ stores, clock = systemClock }: { stores: Stores; clock?: ConductClock }): ReportService {
  return {
    async studyReport(actor, studyId, options = {}) {
      const scope = requireScope(actor, studyId, 'study.read');
      const { protocol } = await conductOf(stores.subjects, studyId);
      let siteCode: string | null = null;
      if (options.siteCode !== undefined) {
        if (typeof options.siteCode !== 'string' || !SITE_CODE_PATTERN.test(options.siteCode)) {
          throw EligoError.of('invalid', { code: 'invalid_site_code', field: 'site', value: options.siteCode, expected: 'a site code: 2–16 upper-case letters, digits or hyphens, e.g. TA01' });
        }
        if (!(await stores.studyDirectory.siteExists(studyId, options.siteCode))) {
          throw EligoError.of('invalid', { code: 'unknown_site', field: 'site', value: options.siteCode, expected: `a site code of ${studyId}` });
        }
        // Another site's report is as invisible as its subjects.
        if (!scopeIncludes(scope, options.siteCode)) throw notFound('site', 'site', options.siteCode);
        siteCode = options.siteCode;
      }
      const rows = await stores.reportRows.reportRows(siteCode ? { studyId, sites: [siteCode] } : scope);
      const sites = new Set(rows.screenings.map((row) => row.siteCode));
      const armsVisible = [...sites].every((site) => canViewAllocation(actor, studyId, site, protocol.blinded));
      return buildStudyReport({
        studyId, arms: protocol.arms.map((arm) => ({ code: arm.code, label: arm.label })), armsVisible, siteCode, asOf: clock.now().toISOString().slice(0, 10), ...rows,
      });
    },
  };
}
