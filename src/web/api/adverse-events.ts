// The adverse-event API as the web pages call it: a subject's events, the grade preview, the CTCAE
// terms, reports, and the study's serious events with their deadlines (routes:
// src/server/routes/adverse-events.ts). Shapes are the service's own (type-only imports).
import type { AdverseEventFieldsInput, AdverseEventView, SeriousEventRow, ShiftsView } from '../../conduct/safety/model.ts';
import type { AdverseEventGrade, AdverseEventGradeInput } from '../../core/study/adverse-event-grade.ts';
import { requestJson } from './client.ts';

export type { AdverseEventFieldsInput, AdverseEventView, SeriousEventRow, ShiftsView, AdverseEventGrade };
export interface CtcaeTermOption { term: string; termZh: string; lab: boolean; grades: Array<{ grade: number; text: string; textZh?: string }> }

const subject = (studyId: string, subjectNumber: string) => `/api/studies/${encodeURIComponent(studyId)}/subjects/${encodeURIComponent(subjectNumber)}/adverse-events`;
const json = (method: 'POST' | 'PATCH', body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const listAdverseEvents = (studyId: string, subjectNumber: string, signal?: AbortSignal) => requestJson<AdverseEventView[]>(subject(studyId, subjectNumber), { signal });
export const recordAdverseEvent = (studyId: string, subjectNumber: string, body: AdverseEventFieldsInput) => requestJson<AdverseEventView>(subject(studyId, subjectNumber), json('POST', body));
export const correctAdverseEvent = (studyId: string, subjectNumber: string, aeNumber: number, body: { changes: Partial<AdverseEventFieldsInput>; reason: string }) =>
  requestJson<AdverseEventView>(`${subject(studyId, subjectNumber)}/${aeNumber}`, json('PATCH', body));
export const recordSafetyReport = (studyId: string, subjectNumber: string, aeNumber: number, body: { recipient: 'sponsor' | 'authority'; reportedAt: string; expected?: boolean }) =>
  requestJson<AdverseEventView>(`${subject(studyId, subjectNumber)}/${aeNumber}/report`, json('POST', body));
export const previewAdverseEventGrade = (body: AdverseEventGradeInput, signal?: AbortSignal) => requestJson<AdverseEventGrade>('/api/adverse-events/grade', { ...json('POST', body), signal });
export const ctcaeTerms = (signal?: AbortSignal) => requestJson<CtcaeTermOption[]>('/api/adverse-events/terms', { signal });
export const seriousEvents = (studyId: string, siteCode?: string, signal?: AbortSignal) =>
  requestJson<SeriousEventRow[]>(`/api/studies/${encodeURIComponent(studyId)}/safety/serious-events${siteCode ? `?site=${encodeURIComponent(siteCode)}` : ''}`, { signal });
