// FHIR R4 → patient facts. Accepts a Bundle (collection, transaction, batch, searchset, document)
// or NDJSON (one resource per line), as text or parsed JSON. Reads Patient, Condition, Observation,
// AllergyIntolerance, MedicationStatement, MedicationRequest and Procedure; other resource types
// are skipped. A resource that cannot be used yields a problem naming the resource and field;
// reading goes on with the rest, so one bad value never hides the whole record.
import { recordProblem, renderRecordProblem } from './record-problems.ts';
import { emptyFacts, type PatientFacts } from './facts.ts';
import { echoValue, EligoError } from '../problems.ts';

/** The whole input could not be read as FHIR (not JSON, not a Bundle or resources): unprocessable, naming the field. */
function fhirInputError(field: string, message: string): EligoError {
  return EligoError.of('unprocessable', { code: 'invalid_fhir', field, expected: 'a FHIR R4 Bundle or NDJSON resources', message });
}

export interface ReadOptions {
  /** Screening date: results dated after it are not used (and reported). */
  asOf: string;
}

import { asArray, asString, isObject, problem, readDate, type Json, type ReadContext } from './fhir-read.ts';
import { readObservation } from './fhir-observations.ts';
import { readAllergy, readCondition, readMedication, readProcedure } from './fhir-clinical.ts';

const READ_TYPES = new Set(['Patient', 'Condition', 'Observation', 'AllergyIntolerance', 'MedicationStatement', 'MedicationRequest', 'Procedure']);

/** Splits the input into resources, or throws an unprocessable EligoError when it is not FHIR at all. */
export function fhirResources(input: unknown): Json[] {
  if (typeof input === 'string') return fhirResources(parseText(input));
  if (Array.isArray(input)) {
    return input.map((resource, index) => {
      if (!isObject(resource) || typeof resource.resourceType !== 'string') {
        throw fhirInputError(`line ${index + 1}`, `line ${index + 1}: expected a FHIR resource (a JSON object with "resourceType")`);
      }
      return resource;
    });
  }
  if (!isObject(input)) throw fhirInputError('(root)', 'expected a FHIR Bundle (JSON object with "resourceType": "Bundle") or NDJSON resources');
  if (input.resourceType === 'Bundle') {
    if (input.entry !== undefined && !Array.isArray(input.entry)) throw fhirInputError('Bundle.entry', `Bundle.entry: expected an array of entries, got ${typeof input.entry}`);
    const resources: Json[] = [];
    asArray(input.entry).forEach((entry, index) => {
      if (!isObject(entry) || !isObject(entry.resource) || typeof entry.resource.resourceType !== 'string') {
        throw fhirInputError(`Bundle.entry[${index}].resource`, `Bundle.entry[${index}].resource: expected a FHIR resource with "resourceType"`);
      }
      resources.push(entry.resource);
    });
    return resources;
  }
  if (typeof input.resourceType === 'string') return [input];
  throw fhirInputError('resourceType', `resourceType: expected "Bundle" or a FHIR resource type, got ${JSON.stringify(echoValue(input.resourceType ?? null))}`);
}

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw fhirInputError('(root)', 'the patient record is empty; expected a FHIR Bundle or NDJSON');
  try {
    return JSON.parse(trimmed);
  } catch {
    // Not one JSON document: NDJSON, one resource a line.
  }
  return trimmed.split(/\r?\n/).filter((line) => line.trim() !== '').map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw fhirInputError(`line ${index + 1}`, `line ${index + 1}: not JSON; expected a FHIR Bundle (JSON) or NDJSON with one resource per line`);
    }
  });
}

/** Reads a FHIR record into patient facts as of a screening date. */
export function patientFactsFromFhir(input: unknown, options: ReadOptions): PatientFacts {
  const facts = emptyFacts();
  const resources = fhirResources(input);
  let patientSeen = false;
  resources.forEach((resource, index) => {
    const type = resource.resourceType as string;
    if (!READ_TYPES.has(type)) return;
    const ref = typeof resource.id === 'string' && resource.id !== '' ? `${type}/${resource.id}` : `${type} #${index + 1}`;
    const context: ReadContext = { facts, ref, asOf: options.asOf };
    switch (type) {
      case 'Patient':
        if (patientSeen) {
          problem(context, '(resource)', recordProblem('patient.duplicate', {}), { kind: 'record' });
          return;
        }
        patientSeen = true;
        readPatient(resource, context);
        return;
      case 'Observation':
        return readObservation(resource, context);
      case 'Condition':
        return readCondition(resource, context);
      case 'MedicationStatement':
      case 'MedicationRequest':
        return readMedication(resource, context);
      case 'Procedure':
        return readProcedure(resource, context);
      case 'AllergyIntolerance':
        return readAllergy(resource, context);
    }
  });
  if (!patientSeen) {
    const detail = recordProblem('patient.missing', {});
    facts.problems.push({ resource: 'Patient', field: 'birthDate', message: renderRecordProblem(detail, 'en'), detail, scope: { kind: 'birthDate' } });
  }
  for (const list of facts.quantities.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const list of facts.qualitative.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const list of facts.scores.values()) list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  facts.states.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  return facts;
}

function readPatient(resource: Json, context: ReadContext): void {
  const gender = asString(resource.gender);
  if (gender === 'female' || gender === 'male' || gender === 'other' || gender === 'unknown') context.facts.sex = gender;
  else if (gender !== undefined) problem(context, 'gender', recordProblem('patient.badGender', { value: JSON.stringify(gender) }), { kind: 'sex' });
  if (resource.birthDate === undefined) {
    problem(context, 'birthDate', recordProblem('patient.noBirthDate', {}), { kind: 'birthDate' });
    return;
  }
  const birthDate = readDate(context, resource.birthDate, 'birthDate', { kind: 'birthDate' });
  if (birthDate) context.facts.birthDate = birthDate;
}
