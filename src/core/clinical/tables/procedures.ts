// Procedures that criteria name ("prior radiotherapy", "major surgery within 4 weeks", "organ transplant").
// Sources: SNOMED CT International 2024-09 (the procedure concept ids listed; descendants are not expanded),
// ICD-10-CM FY2025 Z94 transplant-status codes (a transplant recorded as a status condition), ICD-10-PCS
// FY2025 section/table prefixes where listed. CPT is not used (licence).
import { CODE_SYSTEMS, eligoCode, icd, sct, type ConceptDefinition } from './codings.ts';

export const PROCEDURE_TABLE_VERSION = 'procedures-2026-11';

const pcs = (...codes: string[]) => codes.map((code) => ({ system: CODE_SYSTEMS.icd10pcs, code, prefix: true }));

export const PROCEDURE_CONCEPTS: readonly ConceptDefinition[] = [
  { id: 'radiotherapy', domain: 'procedure', label: { en: 'radiotherapy', zh: '放射治疗' }, codes: [...sct('108290001'), ...pcs('D'), eligoCode('radiotherapy')], note: 'ICD-10-PCS section D is Radiation Therapy.' },
  { id: 'surgery', domain: 'procedure', label: { en: 'surgery', zh: '手术' }, codes: [...sct('387713003'), eligoCode('surgery')], note: 'SNOMED CT 387713003 Surgical procedure; whether an operation was "major" is for a person to confirm.' },
  {
    id: 'solid-organ-transplant', domain: 'procedure', label: { en: 'solid organ transplant', zh: '实体器官移植' },
    codes: [...icd('Z94.0', 'Z94.1', 'Z94.2', 'Z94.3', 'Z94.4', 'Z94.82', 'Z94.83'), eligoCode('solid-organ-transplant')],
    note: 'Kidney, heart, lung, heart-lung, liver, intestine and pancreas transplant status.',
  },
  { id: 'blood-transfusion', domain: 'procedure', label: { en: 'blood transfusion', zh: '输血' }, codes: [...sct('116859006'), eligoCode('blood-transfusion')], note: 'SNOMED CT 116859006 Transfusion of blood product. ICD-10-PCS 302 is not used: it also holds stem-cell infusion.' },
  { id: 'splenectomy', domain: 'procedure', label: { en: 'splenectomy', zh: '脾切除术' }, codes: [...sct('234319005'), ...pcs('07TP'), ...icd('Z90.81')] },
  { id: 'percutaneous-coronary-intervention', domain: 'procedure', label: { en: 'percutaneous coronary intervention', zh: '经皮冠状动脉介入治疗' }, codes: [...sct('415070008'), ...icd('Z95.5')] },
  { id: 'coronary-artery-bypass-graft', domain: 'procedure', label: { en: 'coronary artery bypass graft', zh: '冠状动脉旁路移植术' }, codes: [...sct('232717009'), ...icd('Z95.1')] },
];
