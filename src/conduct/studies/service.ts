// Studies and their sites as the actor may see them: a study only with a study.read grant in it, a
// site only inside that grant's sites; the rest answers not_found exactly like a study or site that
// does not exist. Counts (siteCount) are of visible sites only.
import { requireScope, scopeOf, type Actor, type SiteScope } from '../access/actor.ts';
import { notFound } from '../../core/problems.ts';
import type { SiteView, StudyDetail, StudySummary } from '../model.ts';
import type { StudyService } from '../services.ts';
import type { SiteRecord, StudyRecord, StudyStore } from '../../store/conduct/studies.ts';

function summary(record: StudyRecord & { visibleSites: number }): StudySummary {
  const { protocol } = record;
  return {
    studyId: record.studyId,
    title: record.title,
    ...(record.titleZh !== null ? { titleZh: record.titleZh } : {}),
    design: protocol.design,
    blinded: protocol.blinded,
    protocolVersion: record.currentVersion,
    arms: protocol.arms.map((arm) => ({ code: arm.code, label: arm.label, ...(arm.labelZh !== undefined ? { labelZh: arm.labelZh } : {}) })),
    siteCount: record.visibleSites,
  };
}

/** The view of a site leaves storage details (its reference-range id) out. */
export function siteView(record: SiteRecord): SiteView {
  const { rangeSiteId: _rangeSiteId, ...view } = record;
  return view;
}

export function createStudyService(store: StudyStore): StudyService {
  const visibleStudy = async (actor: Actor, studyId: string): Promise<{ scope: SiteScope; record: StudyRecord & { visibleSites: number } }> => {
    const scope = requireScope(actor, studyId, 'study.read');
    const record = await store.getStudy(scope);
    if (!record) throw notFound('study', 'studyId', studyId);
    return { scope, record };
  };

  return {
    async listStudies(actor) {
      const studyIds = [...new Set(actor.grants.map((grant) => grant.studyId))].sort();
      const scopes = studyIds.map((studyId) => scopeOf(actor, studyId, 'study.read')).filter((scope): scope is SiteScope => scope !== undefined);
      return (await store.listStudies(scopes)).map(summary);
    },
    async getStudy(actor, studyId) {
      const { record } = await visibleStudy(actor, studyId);
      return { ...summary(record), protocol: record.protocol, notes: record.protocol.notes };
    },
    async listSites(actor, studyId) {
      const { scope } = await visibleStudy(actor, studyId);
      return (await store.listSites(scope)).map(siteView);
    },
    async getSite(actor, studyId, siteCode) {
      const scope = requireScope(actor, studyId, 'study.read', siteCode);
      const site = await store.getSite(scope, siteCode);
      if (!site) throw notFound('site', 'siteCode', siteCode);
      return siteView(site);
    },
  };
}
