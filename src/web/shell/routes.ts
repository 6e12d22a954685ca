// The app's pages and the areas in the main navigation. A new area (patient screening, criteria
// review) adds a Route variant, a pattern in matchRoute and an entry in AREAS.
import { NCT_ID_SOURCE } from '../../core/trial/nct-id.ts';
import type { MessageKey } from '../i18n/en.ts';

export type Route =
  | { page: 'search' }
  | { page: 'trial'; nctId: string }
  | { page: 'checkPatient'; nctId: string }
  | { page: 'checkAllTrials' }
  | { page: 'reviewList' }
  | { page: 'review'; nctId: string }
  | { page: 'studies' }
  | { page: 'study'; studyId: string }
  | { page: 'newScreening'; studyId: string }
  | { page: 'subject'; studyId: string; subjectNumber: string }
  | { page: 'studyAudit'; studyId: string }
  | { page: 'subjectArea'; studyId: string; subjectNumber: string; area: SubjectArea }
  | { page: 'studyQueries'; studyId: string }
  | { page: 'signIn' }
  | { page: 'changePassword' }
  | { page: 'adminUsers' }
  | { page: 'notFound' };

/** The follow-up pages of one subject, beside the subject's screening and enrollment page. */
export const SUBJECT_AREAS = ['visits', 'labs', 'adverse-events', 'timeline', 'queries'] as const;
export type SubjectArea = (typeof SUBJECT_AREAS)[number];

export type AreaId = 'trials' | 'check' | 'review' | 'studies';

export interface Area {
  id: AreaId;
  href: string;
  label: MessageKey;
  /** Whether the area is "current" in the navigation for this route. */
  includes(route: Route): boolean;
}

export const AREAS: readonly Area[] = [
  { id: 'trials', href: '/', label: 'nav.findTrials', includes: (route) => route.page === 'search' || route.page === 'trial' },
  { id: 'check', href: '/check', label: 'nav.checkPatient', includes: (route) => route.page === 'checkAllTrials' || route.page === 'checkPatient' },
  { id: 'review', href: '/review', label: 'nav.reviewCriteria', includes: (route) => route.page === 'reviewList' || route.page === 'review' },
  { id: 'studies', href: '/studies', label: 'nav.studies', includes: (route) => STUDY_PAGES.has(route.page) },
];

const STUDY_PAGES = new Set<Route['page']>(['studies', 'study', 'newScreening', 'subject', 'studyAudit', 'subjectArea', 'studyQueries']);

// Case-insensitive: /trials/nct03055078 opens the trial too.
const trialPath = (suffix: string) => new RegExp(`^/trials/(${NCT_ID_SOURCE})${suffix}/?$`, 'i');
const NCT_PATH = trialPath('');
const CHECK_PATH = trialPath('/check');
const REVIEW_PATH = trialPath('/review');

// Study pages: the URL names the study and, for a subject, only its pseudonymous subject number.
const STUDY_PATH = new RegExp(`^/studies/(${NCT_ID_SOURCE})(?:/(screenings/new|audit|queries|subjects/([A-Za-z0-9-]{1,40})(?:/(${SUBJECT_AREAS.join('|')}))?))?/?$`, 'i');

function matchStudyRoute(pathname: string): Route | undefined {
  if (pathname === '/studies' || pathname === '/studies/') return { page: 'studies' };
  const match = STUDY_PATH.exec(pathname);
  if (!match) return undefined;
  const studyId = match[1].toUpperCase();
  if (!match[2]) return { page: 'study', studyId };
  if (match[2].toLowerCase() === 'screenings/new') return { page: 'newScreening', studyId };
  if (match[2].toLowerCase() === 'audit') return { page: 'studyAudit', studyId };
  if (match[2].toLowerCase() === 'queries') return { page: 'studyQueries', studyId };
  if (match[4]) return { page: 'subjectArea', studyId, subjectNumber: match[3].toUpperCase(), area: match[4].toLowerCase() as SubjectArea };
  return { page: 'subject', studyId, subjectNumber: match[3].toUpperCase() };
}

export function matchRoute(pathname: string): Route {
  const studyRoute = matchStudyRoute(pathname);
  if (studyRoute) return studyRoute;
  if (pathname === '/' || pathname === '/search' || pathname === '') return { page: 'search' };
  const trial = NCT_PATH.exec(pathname);
  if (trial) return { page: 'trial', nctId: trial[1].toUpperCase() };
  const check = CHECK_PATH.exec(pathname);
  if (check) return { page: 'checkPatient', nctId: check[1].toUpperCase() };
  const review = REVIEW_PATH.exec(pathname);
  if (review) return { page: 'review', nctId: review[1].toUpperCase() };
  if (pathname === '/check' || pathname === '/check/') return { page: 'checkAllTrials' };
  if (pathname === '/review' || pathname === '/review/') return { page: 'reviewList' };
  if (pathname === '/sign-in' || pathname === '/sign-in/') return { page: 'signIn' };
  if (pathname === '/account/password' || pathname === '/account/password/') return { page: 'changePassword' };
  if (pathname === '/admin/users' || pathname === '/admin/users/') return { page: 'adminUsers' };
  return { page: 'notFound' };
}

export function trialHref(nctId: string, query?: URLSearchParams): string {
  const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
  return `/trials/${encodeURIComponent(nctId)}${search}`;
}

/** The page that screens one patient against the trial. */
export function checkHref(nctId: string): string {
  return `/trials/${encodeURIComponent(nctId)}/check`;
}

/** The page that reviews the trial's criteria and approves its rule set. */
export function reviewHref(nctId: string): string {
  return `/trials/${encodeURIComponent(nctId)}/review`;
}

export function studyHref(studyId: string, part?: 'screenings/new' | 'audit' | 'queries'): string {
  return `/studies/${encodeURIComponent(studyId)}${part ? `/${part}` : ''}`;
}

/** A subject's page: the subject number is a pseudonym (site code + sequence), never a name or hospital number. */
export function subjectHref(studyId: string, subjectNumber: string, area?: SubjectArea): string {
  return `/studies/${encodeURIComponent(studyId)}/subjects/${encodeURIComponent(subjectNumber)}${area ? `/${area}` : ''}`;
}
