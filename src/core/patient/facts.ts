// Patient facts: what screening reads about one patient, already normalised — codes resolved to
// Eligo's analytes and scales, values in canonical units, dates as 'YYYY-MM-DD' — each with the
// resource it came from. Problems found while reading the record travel with the facts so that
// the criteria they affect can say why they are unknown.
import type { Coding } from '../criteria/rules.ts';
import type { ScaleId } from '../clinical/tables/scales.ts';
import type { QualitativeResult } from '../clinical/tables/qualitative.ts';
import type { RecordProblem } from './record-problems.ts';

/** "Observation/lab-7" (or "Observation #7" when the resource has no id). */
export type SourceRef = string;

export interface QuantityFact {
  analyte: string;
  value: number;
  /** The analyte's canonical unit. */
  unit: string;
  /** FHIR Quantity.comparator: the true value is below/above `value`. */
  comparator?: '<' | '<=' | '>' | '>=';
  /** As recorded, before conversion. */
  recorded: { value: number | string; unit: string };
  date: string;
  source: SourceRef;
  /** The result's own reference range (FHIR Observation.referenceRange), in the canonical unit. */
  referenceRange?: { low?: number; high?: number; text?: string };
}

export interface QualitativeFact {
  analyte: string;
  result: QualitativeResult;
  date: string;
  source: SourceRef;
  recorded: string;
}

export interface ScoreFact {
  scale: ScaleId;
  grade: number;
  date: string;
  source: SourceRef;
}

export interface CodedFact {
  codings: Coding[];
  label: string;
  /** clinicalStatus active/recurrence/relapse → true; inactive/remission/resolved → false; absent → undefined. */
  active?: boolean;
  onset?: string;
  abatement?: string;
  recorded?: string;
  source: SourceRef;
}

export interface MedicationFact {
  codings: Coding[];
  label: string;
  /** Currently taken per the resource status (active / on-hold / intended). */
  current: boolean;
  start?: string;
  end?: string;
  source: SourceRef;
}

export interface ProcedureFact {
  codings: Coding[];
  label: string;
  date?: string;
  source: SourceRef;
}

export interface AllergyFact {
  codings: Coding[];
  label: string;
  criticality?: 'low' | 'high' | 'unable-to-assess';
  source: SourceRef;
}

export interface StateFact {
  state: 'pregnant' | 'lactating';
  present: boolean;
  date: string;
  source: SourceRef;
}

/** What a data problem makes unknowable. */
export type ProblemScope =
  | { kind: 'analyte'; analyte: string }
  | { kind: 'scale'; scale: ScaleId }
  | { kind: 'observation' }
  | { kind: 'condition' }
  | { kind: 'medication' }
  | { kind: 'procedure' }
  | { kind: 'allergy' }
  | { kind: 'birthDate' }
  | { kind: 'sex' }
  | { kind: 'record' };

export interface DataProblem {
  /** "Observation/lab-7", "Patient", "line 3". */
  resource: string;
  /** FHIR path of the field, e.g. "valueQuantity.unit". */
  field: string;
  /** English, "Observation/lab-7 valueQuantity.unit: …" (the API's warnings). */
  message: string;
  /** The same as a code and parameters, for the reader's language (record-problems.ts). */
  detail: RecordProblem;
  scope: ProblemScope;
}

export interface PatientFacts {
  birthDate?: string;
  sex?: 'female' | 'male' | 'other' | 'unknown';
  /** Per analyte key, newest first. */
  quantities: Map<string, QuantityFact[]>;
  qualitative: Map<string, QualitativeFact[]>;
  scores: Map<ScaleId, ScoreFact[]>;
  conditions: CodedFact[];
  medications: MedicationFact[];
  procedures: ProcedureFact[];
  allergies: AllergyFact[];
  states: StateFact[];
  problems: DataProblem[];
}

export function emptyFacts(): PatientFacts {
  return { quantities: new Map(), qualitative: new Map(), scores: new Map(), conditions: [], medications: [], procedures: [], allergies: [], states: [], problems: [] };
}
