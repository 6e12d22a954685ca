// The visit and treatment API as the web pages call it (routes: src/server/routes/visits.ts and
// treatment.ts). The dose check runs in the browser with the server's own code (core/study/treatment.ts).
import type { AttentionItem, CalendarView, RecordedVisitView } from '../../conduct/visits/model.ts';
import type { AdministrationView } from '../../conduct/treatment/model.ts';
import { requestJson } from './client.ts';

export type { AttentionItem, CalendarView, RecordedVisitView } from '../../conduct/visits/model.ts';
export type { AdministrationView, InfusionReactionInput } from '../../conduct/treatment/model.ts';
export type { CalendarVisit, CalendarStatus } from '../../core/study/visit-calendar.ts';
export { checkTreatment, DETAIL_FIELDS, DOSE_UNITS, PRODUCTS, ROUTES, type Product, type Route } from '../../core/study/treatment.ts';

const subject = (studyId: string, subjectNumber: string) => `/api/studies/${encodeURIComponent(studyId)}/subjects/${encodeURIComponent(subjectNumber)}`;
const send = <T>(method: string, path: string, body: unknown) => requestJson<T>(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const fetchCalendar = (studyId: string, subjectNumber: string, signal?: AbortSignal) => requestJson<CalendarView>(`${subject(studyId, subjectNumber)}/visits`, { signal });
export const recordVisit = (studyId: string, subjectNumber: string, visitCode: string, body: { status: 'done' | 'not_done'; visitDate?: string; reason?: string; changeReason?: string }) =>
  send<RecordedVisitView>('PUT', `${subject(studyId, subjectNumber)}/visits/${encodeURIComponent(visitCode)}`, body);
export const recordUnscheduledVisit = (studyId: string, subjectNumber: string, body: { visitDate: string; note?: string }) => send<RecordedVisitView>('POST', `${subject(studyId, subjectNumber)}/visits`, body);
export function visitsNeedingAttention(studyId: string, siteCode?: string, signal?: AbortSignal) {
  const query = siteCode ? `?siteCode=${encodeURIComponent(siteCode)}` : '';
  return requestJson<AttentionItem[]>(`/api/studies/${encodeURIComponent(studyId)}/visits/attention${query}`, { signal });
}

export const listAdministrations = (studyId: string, subjectNumber: string, signal?: AbortSignal) => requestJson<AdministrationView[]>(`${subject(studyId, subjectNumber)}/administrations`, { signal });
export const recordAdministration = (studyId: string, subjectNumber: string, body: Record<string, unknown>) => send<AdministrationView>('POST', `${subject(studyId, subjectNumber)}/administrations`, body);
export const correctAdministration = (studyId: string, subjectNumber: string, administrationId: number, body: { changes: Record<string, unknown>; reason: string }) =>
  send<AdministrationView>('PATCH', `${subject(studyId, subjectNumber)}/administrations/${administrationId}`, body);
