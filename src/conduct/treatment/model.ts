// What the treatment service takes and returns (see services.ts for the rules).
import type { DoseCheckResult } from '../../core/study/dosing.ts';
import type { GradeSuggestion } from '../../core/study/clinical-grades.ts';
import type { Product, Route, TreatmentWarning } from '../../core/study/treatment.ts';

export interface InfusionReactionInput {
  occurred: boolean;
  description?: string;
  /** CTCAE v5.0 "Infusion related reaction" criteria met (clinical-grades.ts suggests the grade from them). */
  signs?: { interruptedOrTreated?: boolean; prolongedOrRecurrentOrHospitalized?: boolean; lifeThreatening?: boolean; death?: boolean };
}

export interface InfusionReaction extends InfusionReactionInput {
  suggestedGrade: GradeSuggestion | null;
}

export interface AdministrationInput {
  studyId: string;
  subjectNumber: string;
  product: Product;
  lot?: string;
  /** Date-time with its offset (Z or +08:00). */
  givenAt: string;
  route: Route;
  dose: { value: number; unit: string };
  weightKg?: number;
  visitCode?: string;
  details?: Record<string, number>;
  infusionReaction?: InfusionReactionInput;
}

export type AdministrationChanges = Partial<Omit<AdministrationInput, 'studyId' | 'subjectNumber'>>;

export interface CorrectAdministrationInput {
  studyId: string;
  subjectNumber: string;
  administrationId: number;
  changes: AdministrationChanges;
  reason: string;
}

export interface AdministrationView {
  id: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  product: Product;
  lot: string | null;
  givenAt: string;
  route: Route;
  dose: { value: number; unit: string };
  /** The dose as total and per kg in the dosing rule's units, when derivable. */
  doseTotal: number | null;
  dosePerKg: number | null;
  weightKg: number | null;
  visitCode: string | null;
  details: Record<string, number>;
  infusionReaction: InfusionReaction | null;
  doseCheck: DoseCheckResult;
  warnings: TreatmentWarning[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}
