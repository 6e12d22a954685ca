// An interim StudyDirectory until the study tables exist: a study is any trial in the registry, and
// any well-formed site code is accepted.
// TODO(lead): replace with the study-conduct directory over the study and site tables (helper E) in
// src/conduct/accounts/for-stores.ts (used by the server and the CLI).
import type { Kysely } from 'kysely';
import type { StudyDirectory } from '../../conduct/accounts/study-directory.ts';
import type { Tables } from '../tables.ts';

const SITE_CODE = /^[A-Z0-9-]{2,16}$/;

export function registryStudyDirectory(db: Kysely<Tables>): StudyDirectory {
  const studyExists = async (studyId: string) => (await db.selectFrom('registry_trial').select('nct_id').where('nct_id', '=', studyId).executeTakeFirst()) !== undefined;
  return {
    studyExists,
    async siteExists(studyId, siteCode) {
      return SITE_CODE.test(siteCode) && (await studyExists(studyId));
    },
  };
}
