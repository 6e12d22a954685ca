// What the laboratory service takes and gives: plain data for the HTTP routes, the web pages and the
// demo. Values arrive in any unit people enter; stored results carry the canonical value, the limits
// of normal used (and where they came from), the CTCAE grades and the soft edit-check warnings.
import type { LimitBasis } from '../../core/patient/limit-basis.ts';
import type { StoredGrade } from '../../core/study/lab-results.ts';

export type LabPanel = 'cbc' | 'chemistry' | 'coagulation' | 'other';

export interface LabContext {
  /** G-CSF given within this many days before collection. */
  gcsfWithinDays?: number;
  /** Transfused within this many days before collection. */
  transfusedWithinDays?: number;
  /** On anticoagulation (INR graded against the baseline). */
  anticoagulated?: boolean;
}

export interface LabResultInput {
  analyte: string;
  value: number;
  unit: string;
  method?: 'manual' | 'automated';
}

export interface RecordPanelInput {
  studyId: string;
  subjectNumber: string;
  collectedOn: string;
  visitCode?: string;
  panel: LabPanel;
  context?: LabContext;
  results: LabResultInput[];
}

export type { StoredGrade as LabGrade } from '../../core/study/lab-results.ts';

export interface LabCheckResult {
  check: string;
  severity: 'soft';
  message: { en: string; zh: string };
  params: Record<string, string | number>;
}

export interface LabLimitBasis {
  low?: { source: 'observation' | 'site' | 'default'; detail: string; basis: LimitBasis };
  high?: { source: 'observation' | 'site' | 'default'; detail: string; basis: LimitBasis };
}

export interface LabResultView {
  id: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  visitCode: string | null;
  panel: LabPanel;
  analyte: string;
  collectedOn: string;
  value: number;
  unit: string;
  canonicalValue: number;
  canonicalUnit: string;
  method: 'manual' | 'automated' | null;
  lln: number | null;
  uln: number | null;
  limitBasis: LabLimitBasis | null;
  context: LabContext;
  isBaseline: boolean;
  grades: StoredGrade[];
  checkResults: LabCheckResult[];
  source: 'form' | 'fhir' | 'import';
  sourceReference: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface LabFilter {
  analyte?: string;
  from?: string;
  to?: string;
}

export interface ImportFhirInput {
  studyId: string;
  subjectNumber: string;
  /** A FHIR Bundle, an Observation or an array of Observations. */
  resources: unknown;
}

export interface ImportFhirResult {
  imported: LabResultView[];
  /** Observations already imported (same Observation id). */
  unchanged: string[];
  /** Observations that are not laboratory results Eligo follows, with why. */
  skipped: Array<{ index: number; id: string | null; reason: string }>;
}

export interface CorrectResultInput {
  studyId: string;
  subjectNumber: string;
  labResultId: number | string;
  value: number;
  unit: string;
  reason: string;
}

export interface Measured {
  value: number;
  unit: string;
}

export interface RecordTransfusionInput {
  studyId: string;
  subjectNumber: string;
  givenOn: string;
  product: 'RBC' | 'platelets';
  units: number;
  preHb?: Measured;
  prePlatelets?: Measured;
  note?: string;
}

export interface CorrectTransfusionInput {
  studyId: string;
  subjectNumber: string;
  transfusionId: number | string;
  givenOn?: string;
  product?: 'RBC' | 'platelets';
  units?: number;
  preHb?: Measured | null;
  prePlatelets?: Measured | null;
  note?: string | null;
  reason: string;
}

export interface TransfusionView {
  id: number;
  subjectNumber: string;
  siteCode: string;
  givenOn: string;
  product: 'RBC' | 'platelets';
  units: number;
  /** g/L */
  preHb: number | null;
  /** 10*9/L */
  prePlatelets: number | null;
  note: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface RecordMarrowExamInput {
  studyId: string;
  subjectNumber: string;
  examinedOn: string;
  visitCode?: string;
  cellularityPercent?: number;
  residualHematopoieticPercent?: number;
  findings?: string;
}

export interface MarrowExamView {
  id: number;
  subjectNumber: string;
  siteCode: string;
  visitCode: string | null;
  examinedOn: string;
  cellularityPercent: number | null;
  residualHematopoieticPercent: number | null;
  findings: string | null;
  updatedAt: string;
  updatedBy: string;
}
