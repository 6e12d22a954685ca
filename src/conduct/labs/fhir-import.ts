// FHIR Observations → laboratory entries, through the same reader screening uses
// (core/patient/fhir-observations.ts: LOINC → analyte, UCUM → canonical unit, referenceRange kept as
// the lab's own limits). A Bundle, one Observation or an array of them; an Observation of something
// the follow-up does not record is skipped with the reason, one that is unreadable refuses the import.
import { emptyFacts, type QuantityFact } from '../../core/patient/facts.ts';
import { readObservation } from '../../core/patient/fhir-observations.ts';
import { EligoError, problem, type Problem } from '../../core/problems.ts';
import { panelOf } from '../../core/clinical/tables/edit-checks.ts';
import type { LabPanel } from './model.ts';

export interface FhirEntry {
  /** Index of the Observation in the input, for field names (resources.N). */
  index: number;
  observationId: string;
  sourceReference: string;
  panel: LabPanel;
  fact: QuantityFact;
}

export interface FhirReading {
  entries: FhirEntry[];
  skipped: Array<{ index: number; id: string | null; reason: string }>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Observations of the input, or invalid naming `resources`. */
export function observationsOf(resources: unknown): Json[] {
  const list = Array.isArray(resources)
    ? resources
    : isObject(resources) && resources.resourceType === 'Bundle'
      ? (Array.isArray(resources.entry) ? resources.entry : []).map((entry) => (isObject(entry) ? entry.resource : undefined))
      : isObject(resources) && resources.resourceType === 'Observation'
        ? [resources]
        : undefined;
  if (!list || list.length === 0) throw EligoError.of('invalid', { code: 'invalid_fhir', field: 'resources', expected: 'a FHIR Bundle, an Observation or a non-empty array of Observations' });
  return list.map((resource, index) => {
    if (!isObject(resource) || resource.resourceType !== 'Observation') throw EligoError.of('invalid', { code: 'invalid_fhir', field: `resources.${index}.resourceType`, value: isObject(resource) ? resource.resourceType : resource, expected: 'Observation' });
    return resource;
  });
}

/** Reads each Observation; `asOf` is the latest date a result may carry. */
export function readLabObservations(resources: unknown, asOf: string): FhirReading {
  const reading: FhirReading = { entries: [], skipped: [] };
  const problems: Problem[] = [];
  observationsOf(resources).forEach((resource, index) => {
    const id = typeof resource.id === 'string' && resource.id.trim() !== '' ? resource.id.trim() : null;
    if (!id) return void problems.push(problem({ code: 'invalid_fhir', field: `resources.${index}.id`, expected: 'an Observation id (re-imports are recognised by it)' }));
    const facts = emptyFacts();
    readObservation(resource, { facts, ref: `Observation/${id}`, asOf });
    const quantities = [...facts.quantities.values()].flat();
    const followed = quantities.filter((fact) => panelOf(fact.analyte) !== undefined);
    for (const found of facts.problems) problems.push(problem({ code: 'invalid_fhir', field: `resources.${index}.${found.field}`, expected: found.message, message: `resources.${index}: ${found.message}` }));
    if (facts.problems.length > 0) return;
    if (followed.length === 0) return void reading.skipped.push({ index, id, reason: quantities.length > 0 ? `${quantities.map((fact) => fact.analyte).join(', ')} is not recorded in laboratory follow-up` : 'not a laboratory result with a LOINC code Eligo knows' });
    for (const fact of followed) {
      if (fact.comparator) {
        problems.push(problem({ code: 'invalid_fhir', field: `resources.${index}.valueQuantity.comparator`, value: fact.comparator, expected: 'an exact value (results below or above a detection limit are entered by hand)' }));
        continue;
      }
      const sourceReference = followed.length === 1 ? `Observation/${id}` : `Observation/${id}#${fact.analyte}`;
      reading.entries.push({ index, observationId: id, sourceReference, panel: panelOf(fact.analyte) as LabPanel, fact });
    }
  });
  if (problems.length > 0) throw EligoError.all('invalid', 'invalid_fhir', problems);
  return reading;
}
