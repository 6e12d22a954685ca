// The follow-up areas of a subject and the study's query list: each area's page component, keyed by
// its route. An area without a component is not shown in the subject's tabs.
import type { ComponentType } from 'react';
import type { ScreeningView, StudyDetail } from '../../api/conduct.ts';
import type { SubjectArea } from '../../shell/routes.ts';
import { SubjectQueriesArea } from './queries-area.tsx';
import { StudyQueriesList } from './study-queries-page.tsx';
import { SubjectVisitsArea } from './visits-area.tsx';
import { LabsArea } from './labs-area.tsx';
import { TimelineArea } from './timeline-area.tsx';
import { AdverseEventsArea } from './adverse-events-area.tsx';

/** What every subject area page receives: the study, the subject's screening row, and a reload hook. */
export interface SubjectAreaProps {
  study: StudyDetail;
  screening: ScreeningView;
  /** Called after a change another area may show (e.g. a lab entered updates the timeline). */
  onChange: () => void;
}

export const SUBJECT_AREA_PAGES: Partial<Record<SubjectArea, ComponentType<SubjectAreaProps>>> = {
  queries: SubjectQueriesArea,
  visits: SubjectVisitsArea,
  labs: LabsArea,
  'adverse-events': AdverseEventsArea,
  timeline: TimelineArea,
};

/** The study-wide query list (monitors, data managers, sites), when built. */
export const STUDY_QUERIES_PAGE: { component?: ComponentType<{ study: StudyDetail }> } = { component: StudyQueriesList };
