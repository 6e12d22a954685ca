// The app shell: skip link, header with the areas and the language switch, the current page, footer.
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Loading } from '../components/notices.tsx';
import { useSetLanguage, useT } from '../i18n/i18n.tsx';
import { LANGUAGES } from '../i18n/translate.ts';
import { CheckAllTrialsPage } from '../screening/check-all-page.tsx';
import { CheckPatientPage } from '../screening/check-page.tsx';
import { SearchPage } from '../search/search-page.tsx';
import { TrialPage } from '../trial/trial-page.tsx';
import { AccountMenu } from '../auth/account-menu.tsx';
import { SignInPage } from '../auth/sign-in-page.tsx';
import { Link, useLocation } from './router.tsx';
import { AREAS, matchRoute, type Route } from './routes.ts';

// Criteria review carries the criteria parser and the rule schema; patients and coordinators never need them.
const ReviewListPage = lazy(() => import('../review/review-list-page.tsx').then((module) => ({ default: module.ReviewListPage })));
// Account pages are for study staff only.
const PasswordPage = lazy(() => import('../auth/password-page.tsx').then((module) => ({ default: module.PasswordPage })));
const UsersAdminPage = lazy(() => import('../auth/users-admin-page.tsx').then((module) => ({ default: module.UsersAdminPage })));
const ReviewPage = lazy(() => import('../review/review-page.tsx').then((module) => ({ default: module.ReviewPage })));
// Study conduct (sign-in, screening log, consent, enrollment, audit, charts) is its own chunk too.
const StudyArea = lazy(() => import('../study/study-area.tsx').then((module) => ({ default: module.StudyArea })));

export function App() {
  const t = useT();
  const location = useLocation();
  const route = matchRoute(location.pathname);
  useRouteFocus(location.pathname);

  const title = pageTitle(route, t('app.name'), t('search.title'), t('notFound.title'));
  useEffect(() => {
    // The trial page names itself after the trial once it has loaded.
    if (title) document.title = title;
  }, [title]);

  return (
    <>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="site-header">
        <div className="header-inner">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">E</span>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          <nav className="main-nav" aria-label={t('nav.label')}>
            <ul>
              {AREAS.map((area) => (
                <li key={area.id}>
                  <Link href={area.href} aria-current={area.includes(route) ? 'page' : undefined}>{t(area.label)}</Link>
                </li>
              ))}
            </ul>
          </nav>
          <AccountMenu />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Page route={route} />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

function Page({ route }: { route: Route }) {
  const t = useT();
  switch (route.page) {
    case 'search':
      return <SearchPage />;
    case 'trial':
      return <TrialPage key={route.nctId} nctId={route.nctId} />;
    case 'checkPatient':
      return <CheckPatientPage key={route.nctId} nctId={route.nctId} />;
    case 'checkAllTrials':
      return <CheckAllTrialsPage />;
    case 'reviewList':
      return (
        <Suspense fallback={<Loading label={t('review.loading')} />}>
          <ReviewListPage />
        </Suspense>
      );
    case 'review':
      return (
        <Suspense fallback={<Loading label={t('review.loading')} />}>
          <ReviewPage key={route.nctId} nctId={route.nctId} />
        </Suspense>
      );
    case 'studies':
    case 'study':
    case 'newScreening':
    case 'subject':
    case 'studyAudit':
    case 'subjectArea':
    case 'studyQueries':
      return (
        <Suspense fallback={<Loading label={t('conduct.loading')} />}>
          <StudyArea route={route} />
        </Suspense>
      );
    case 'signIn':
      return <SignInPage />;
    case 'changePassword':
      return (
        <Suspense fallback={<Loading label={t('auth.signIn.working')} />}>
          <PasswordPage />
        </Suspense>
      );
    case 'adminUsers':
      return (
        <Suspense fallback={<Loading label={t('auth.admin.loading')} />}>
          <UsersAdminPage />
        </Suspense>
      );
    case 'notFound':
      return <NotFoundPage />;
  }
}

function NotFoundPage() {
  const t = useT();
  return (
    <div className="not-found">
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/" className="button button-primary">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}

/** One button per language, each labelled in its own language, the current one pressed. */
function LanguageSwitch() {
  const t = useT();
  const setLanguage = useSetLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language === 'zh' ? 'zh-CN' : 'en'}
          aria-pressed={t.language === language}
          onClick={() => setLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}

/**
 * After moving to another page, focus goes to its heading and the view to the top, as a page load would
 * do; a screen reader then announces the new page. Query-string changes (filters) keep focus where it is.
 */
function useRouteFocus(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    // The page may still be loading: focus its heading once it is there, else the main region.
    const frame = window.requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      (heading ?? document.getElementById('main'))?.focus({ preventScroll: true });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [pathname]);
}

function pageTitle(route: Route, appName: string, searchTitle: string, notFoundTitle: string): string | null {
  switch (route.page) {
    case 'search':
      return `${searchTitle} · ${appName}`;
    case 'trial':
    case 'checkPatient':
    case 'checkAllTrials':
    case 'reviewList':
    case 'review':
    case 'studies':
    case 'study':
    case 'newScreening':
    case 'subject':
    case 'studyAudit':
    case 'subjectArea':
    case 'studyQueries':
    case 'signIn':
    case 'changePassword':
    case 'adminUsers':
      return null;
    case 'notFound':
      return `${notFoundTitle} · ${appName}`;
  }
}
