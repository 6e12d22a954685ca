// What the account service needs to know of studies: that a study and a site exist, so a grant
// never names one that does not. The study-conduct area implements it over its study and site tables.
export interface StudyDirectory {
  studyExists(studyId: string): Promise<boolean>;
  siteExists(studyId: string, siteCode: string): Promise<boolean>;
}

/** A fixed directory: for tests and tools that know their studies up front. */
export function staticStudyDirectory(studies: Record<string, readonly string[]>): StudyDirectory {
  return {
    async studyExists(studyId) {
      return Object.hasOwn(studies, studyId);
    },
    async siteExists(studyId, siteCode) {
      return Object.hasOwn(studies, studyId) && studies[studyId].includes(siteCode);
    },
  };
}
