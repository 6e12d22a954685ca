// The disease-assessment and timeline API as the web pages call it (routes in src/server/routes/assessments.ts).
import type { AssessmentPreview, AssessmentView, ResponseSummary, TimelineView } from '../../conduct/assessments/model.ts';
import { requestJson } from './client.ts';

export type { AssessmentPreview, AssessmentView, ResponseSummary, TimelineView };

const subject = (studyId: string, subjectNumber: string) => `/api/studies/${encodeURIComponent(studyId)}/subjects/${encodeURIComponent(subjectNumber)}`;

export const fetchTimeline = (studyId: string, subjectNumber: string, signal?: AbortSignal) => requestJson<TimelineView>(`${subject(studyId, subjectNumber)}/timeline`, { signal });
export const previewAssessment = (studyId: string, subjectNumber: string, timePoint: string, assessedOn: string) =>
  requestJson<AssessmentPreview>(`${subject(studyId, subjectNumber)}/assessments/preview?${new URLSearchParams({ timePoint, assessedOn })}`, {});
export const recordAssessment = (studyId: string, subjectNumber: string, body: { timePoint: string; assessedOn: string; note?: string; reason?: string }) =>
  requestJson<AssessmentView>(`${subject(studyId, subjectNumber)}/assessments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
export const fetchResponseSummary = (studyId: string, signal?: AbortSignal) => requestJson<ResponseSummary>(`/api/studies/${encodeURIComponent(studyId)}/responses`, { signal });
