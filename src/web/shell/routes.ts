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
  | { page: 'signIn' }
  | { page: 'changePassword' }
  | { page: 'adminUsers' }
  | { page: 'notFound' };

export type AreaId = 'trials' | 'check' | 'review';

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
];

// Case-insensitive: /trials/nct03055078 opens the trial too.
const trialPath = (suffix: string) => new RegExp(`^/trials/(${NCT_ID_SOURCE})${suffix}/?$`, 'i');
const NCT_PATH = trialPath('');
const CHECK_PATH = trialPath('/check');
const REVIEW_PATH = trialPath('/review');

export function matchRoute(pathname: string): Route {
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
