// The study-conduct API as the web pages call it (notes: contract.md; routes under /api/studies).
// The shapes are the services' own (type-only imports). Identity and patient records travel only in
// request bodies; the URL carries the study, the site code and the pseudonymous subject number.
import type {
  AuditEntryView, AuditExportFormat, ConfirmationAnswer, ConsentView, EnrollmentView, Page, RecordConsentInput, ScreeningOutcome,
  ScreeningView, SiteView, StartScreeningInput, StudyDetail, StudySummary, SubjectIdentity, UnblindingView,
} from '../../conduct/model.ts';
// Writes carry the session's CSRF token: the client adds it (client.ts).
import { requestJson } from './client.ts';

export type * from '../../conduct/model.ts';
export { CONFIRMATION_ANSWERS, SCREENING_OUTCOMES, SIGNATURE_STATUSES, SIGNERS } from '../../conduct/model.ts';

const study = (studyId: string) => `/api/studies/${encodeURIComponent(studyId)}`;
const subject = (studyId: string, subjectNumber: string) => `${study(studyId)}/subjects/${encodeURIComponent(subjectNumber)}`;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { signal });
}

function post<T>(path: string, body: unknown): Promise<T> {
  return requestJson<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export const listStudies = (signal?: AbortSignal) => get<StudySummary[]>('/api/studies', signal);
export const fetchStudy = (studyId: string, signal?: AbortSignal) => get<StudyDetail>(study(studyId), signal);
export const listStudySites = (studyId: string, signal?: AbortSignal) => get<SiteView[]>(`${study(studyId)}/sites`, signal);

export interface ScreeningQuery {
  siteCode?: string;
  outcome?: ScreeningOutcome | '';
  verdict?: ScreeningView['verdict'] | '';
  subjectNumber?: string;
  screenedFrom?: string;
  screenedTo?: string;
  limit?: number;
  offset?: number;
}

export const listScreenings = (studyId: string, filter: ScreeningQuery, signal?: AbortSignal) =>
  get<Page<ScreeningView>>(`${study(studyId)}/screenings${query({ ...filter })}`, signal);
export const screeningCounts = (studyId: string, signal?: AbortSignal) =>
  get<Array<{ siteCode: string; outcome: ScreeningOutcome; count: number }>>(`${study(studyId)}/screenings/counts`, signal);
export const startScreening = (studyId: string, input: Omit<StartScreeningInput, 'studyId'>) => post<ScreeningView>(`${study(studyId)}/screenings`, input);

export const fetchSubject = (studyId: string, subjectNumber: string, signal?: AbortSignal) => get<ScreeningView>(subject(studyId, subjectNumber), signal);
export const recordConfirmations = (studyId: string, subjectNumber: string, body: { answers: Array<{ criterion: string; answer: ConfirmationAnswer }>; reason?: string }) =>
  post<ScreeningView>(`${subject(studyId, subjectNumber)}/confirmations`, body);
export const setOutcome = (studyId: string, subjectNumber: string, body: { outcome: Exclude<ScreeningOutcome, 'enrolled'>; failureReasons: string[]; reason?: string }) =>
  post<ScreeningView>(`${subject(studyId, subjectNumber)}/outcome`, body);
export const fetchIdentity = (studyId: string, subjectNumber: string, signal?: AbortSignal) => get<SubjectIdentity>(`${subject(studyId, subjectNumber)}/identity`, signal);

export const listConsents = (studyId: string, subjectNumber: string, signal?: AbortSignal) => get<ConsentView[]>(`${subject(studyId, subjectNumber)}/consents`, signal);
export const recordConsent = (studyId: string, subjectNumber: string, input: Omit<RecordConsentInput, 'studyId' | 'subjectNumber'>) =>
  post<ConsentView>(`${subject(studyId, subjectNumber)}/consents`, input);
export const withdrawConsent = (studyId: string, consentId: number, body: { withdrawnOn: string; reason: string }) =>
  post<ConsentView>(`${study(studyId)}/consents/${encodeURIComponent(String(consentId))}/withdrawal`, body);

export const enroll = (studyId: string, subjectNumber: string, body: { override?: { reason: string }; arm?: string }) => post<EnrollmentView>(`${subject(studyId, subjectNumber)}/enrollment`, body);
export const fetchEnrollment = (studyId: string, subjectNumber: string, signal?: AbortSignal) => get<EnrollmentView>(`${subject(studyId, subjectNumber)}/enrollment`, signal);
export const listEnrollments = (studyId: string, filter: { siteCode?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
  get<Page<EnrollmentView>>(`${study(studyId)}/enrollments${query({ ...filter })}`, signal);
export const enrollmentCounts = (studyId: string, signal?: AbortSignal) => get<Array<{ siteCode: string; month: string; count: number }>>(`${study(studyId)}/enrollments/counts`, signal);
export const unblind = (studyId: string, subjectNumber: string, body: { reason: string }) => post<UnblindingView>(`${subject(studyId, subjectNumber)}/unblinding`, body);

export interface AuditQuery {
  siteCode?: string;
  from?: string;
  to?: string;
  username?: string;
  recordType?: string;
  recordId?: string;
  limit?: number;
  offset?: number;
}

export const listAudit = (studyId: string, filter: AuditQuery, signal?: AbortSignal) => get<Page<AuditEntryView>>(`${study(studyId)}/audit${query({ ...filter })}`, signal);

/** A download link: the browser sends the session cookie with it; the filters carry no patient data. */
export function auditExportHref(studyId: string, format: AuditExportFormat, filter: Omit<AuditQuery, 'limit' | 'offset'>): string {
  return `${study(studyId)}/audit/export${query({ format, ...filter })}`;
}

/** Every page of a list, for charts that need all rows (bounded by `max`). */
export async function allPages<T>(load: (offset: number, limit: number) => Promise<Page<T>>, max = 5000, limit = 500): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; offset < max; offset += limit) {
    const page = await load(offset, limit);
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  return items;
}
