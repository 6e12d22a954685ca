// The laboratory follow-up API as the web pages call it: panels, FHIR import, corrections,
// transfusions and marrow examinations of one subject (routes: src/server/routes/labs.ts). The
// shapes are the service's own (type-only imports); writes carry the CSRF token (client.ts).
import type {
  ImportFhirResult, LabFilter, LabResultView, MarrowExamView, Measured, RecordMarrowExamInput, RecordPanelInput, RecordTransfusionInput, TransfusionView,
} from '../../conduct/labs/model.ts';
import type { EditCheck } from '../../core/clinical/tables/edit-checks.ts';
import { requestJson } from './client.ts';

export type * from '../../conduct/labs/model.ts';

const subject = (studyId: string, subjectNumber: string) => `/api/studies/${encodeURIComponent(studyId)}/subjects/${encodeURIComponent(subjectNumber)}`;
const json = (method: 'POST' | 'PATCH', body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

type Body<T> = Omit<T, 'studyId' | 'subjectNumber'>;

export const listLabResults = async (studyId: string, subjectNumber: string, filter: LabFilter = {}, signal?: AbortSignal) =>
  (await requestJson<{ items: LabResultView[] }>(`${subject(studyId, subjectNumber)}/labs${query({ analyte: filter.analyte, from: filter.from, to: filter.to })}`, { signal })).items;
export const recordLabPanel = async (studyId: string, subjectNumber: string, body: Body<RecordPanelInput>) =>
  (await requestJson<{ results: LabResultView[] }>(`${subject(studyId, subjectNumber)}/labs`, json('POST', body))).results;
export const correctLabResult = (studyId: string, subjectNumber: string, labResultId: number, body: { value: number; unit: string; reason: string }) =>
  requestJson<LabResultView>(`${subject(studyId, subjectNumber)}/labs/${labResultId}`, json('PATCH', body));

export const listTransfusions = async (studyId: string, subjectNumber: string, signal?: AbortSignal) =>
  (await requestJson<{ items: TransfusionView[] }>(`${subject(studyId, subjectNumber)}/transfusions`, { signal })).items;
export const recordTransfusion = (studyId: string, subjectNumber: string, body: Body<RecordTransfusionInput>) =>
  requestJson<TransfusionView>(`${subject(studyId, subjectNumber)}/transfusions`, json('POST', body));

export const listMarrowExams = async (studyId: string, subjectNumber: string, signal?: AbortSignal) =>
  (await requestJson<{ items: MarrowExamView[] }>(`${subject(studyId, subjectNumber)}/marrow-exams`, { signal })).items;
export const recordMarrowExam = (studyId: string, subjectNumber: string, body: Body<RecordMarrowExamInput>) =>
  requestJson<MarrowExamView>(`${subject(studyId, subjectNumber)}/marrow-exams`, json('POST', body));

export const fetchEditChecks = (signal?: AbortSignal) =>
  requestJson<{ version: string; source: string; checks: EditCheck[]; entryUnits: Record<string, string[]>; panels: Record<string, string[]> }>('/api/edit-checks', { signal });

export type { Measured };
/** FHIR Observations (a Bundle, one Observation or an array) as read from a file the user chose. */
export const importLabFhir = (studyId: string, subjectNumber: string, resources: unknown) =>
  requestJson<ImportFhirResult>(`${subject(studyId, subjectNumber)}/labs/fhir`, json('POST', resources));
