// Who may do what in a study: roles as data. A grant gives a user one role in one study, at one site
// or (for study-wide roles) at every site of the study. Anything not listed here is denied.

export const ROLES = ['sponsor_admin', 'data_manager', 'monitor', 'investigator', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act across the sites of a study; site roles must name their site. */
export const STUDY_WIDE_ROLES: readonly Role[] = ['sponsor_admin', 'data_manager', 'monitor'];

export const PERMISSIONS = [
  'study.read', // see the study, its sites and their subjects (within the grant's sites)
  'study.configure', // protocol settings, sites, consent form versions
  'users.manage', // grants within the study
  'identity.read', // a subject's identifying details (site staff of that site only)
  'screening.write', // record screenings, confirmations, outcomes
  'consent.write', // record consent and its withdrawal
  'enroll', // enroll and randomize
  'eligibility.override', // enroll a patient the engine found ineligible, with a reason
  'unblind', // emergency unblinding (audited)
  'data.write', // enter and correct follow-up data: visits, doses, labs, transfusions, marrow, adverse events
  'assessment.sign', // sign off a disease assessment (severity, response) and an adverse event's causality
  'query.raise',
  'query.answer',
  'query.close',
  'audit.read',
  'export',
  'safety.report', // the sponsor's side of expedited safety reporting: expectedness, reports to the authority
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The permission table: each role's rights. Source: edc-practice.md §1 (OpenClinica/Castor role presets). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  sponsor_admin: ['study.read', 'study.configure', 'users.manage', 'query.raise', 'query.close', 'audit.read', 'export', 'safety.report'],
  data_manager: ['study.read', 'query.raise', 'query.close', 'audit.read', 'export', 'safety.report'],
  monitor: ['study.read', 'query.raise', 'query.close', 'audit.read'],
  investigator: ['study.read', 'identity.read', 'screening.write', 'consent.write', 'enroll', 'eligibility.override', 'unblind', 'data.write', 'assessment.sign', 'query.answer', 'audit.read'],
  coordinator: ['study.read', 'identity.read', 'screening.write', 'consent.write', 'enroll', 'data.write', 'query.answer'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
