// The study-conduct pages behind one sign-in gate, loaded as their own chunk (the registry and
// screening pages never need them). The shell passes the matched route.
import type { Route } from '../shell/routes.ts';
import { AuditPage } from './audit-page.tsx';
import { NewScreeningPage } from './new-screening-page.tsx';
import { SessionGate } from './session-gate.tsx';
import { StudiesPage, StudyHomePage } from './study-home.tsx';
import { SubjectPage } from './subject-page.tsx';
import { StudyQueriesPage, SubjectAreaPage } from './follow-up/subject-area-page.tsx';
import './study.css';

export type StudyRoute = Extract<Route, { page: 'studies' | 'study' | 'newScreening' | 'subject' | 'studyAudit' | 'subjectArea' | 'studyQueries' }>;

export function StudyArea({ route }: { route: StudyRoute }) {
  return <SessionGate>{page(route)}</SessionGate>;
}

function page(route: StudyRoute) {
  switch (route.page) {
    case 'studies':
      return <StudiesPage />;
    case 'study':
      return <StudyHomePage key={route.studyId} studyId={route.studyId} />;
    case 'newScreening':
      return <NewScreeningPage key={route.studyId} studyId={route.studyId} />;
    case 'subject':
      return <SubjectPage key={`${route.studyId}/${route.subjectNumber}`} studyId={route.studyId} subjectNumber={route.subjectNumber} />;
    case 'studyAudit':
      return <AuditPage key={route.studyId} studyId={route.studyId} />;
    case 'subjectArea':
      return <SubjectAreaPage key={`${route.studyId}/${route.subjectNumber}/${route.area}`} studyId={route.studyId} subjectNumber={route.subjectNumber} area={route.area} />;
    case 'studyQueries':
      return <StudyQueriesPage key={route.studyId} studyId={route.studyId} />;
  }
}
