// Schemas of the laboratory, transfusion and marrow-examination routes (routes/labs.ts). Request
// bodies are checked for shape here; units, ranges, dates and edit checks by the lab service, whose
// refusals name results.N.value, results.N.unit and the like.
import { z } from '@hono/zod-openapi';
import { subjectParams } from './subjects.ts';

const id = (name: string) => z.string().openapi({ param: { name, in: 'path' }, example: '12' });
export const labResultParams = subjectParams.extend({ labResultId: id('labResultId') });
export const transfusionParams = subjectParams.extend({ transfusionId: id('transfusionId') });

const measured = z.object({ value: z.number(), unit: z.string() }).openapi('Measurement');
const panel = z.enum(['cbc', 'chemistry', 'coagulation', 'other']);
const context = z.object({ gcsfWithinDays: z.number().int().optional(), transfusedWithinDays: z.number().int().optional(), anticoagulated: z.boolean().optional() }).strict().openapi('LabContext');

export const recordPanelBody = z.object({
  collectedOn: z.string().openapi({ example: '2026-09-15' }),
  visitCode: z.string().optional(),
  panel,
  context: context.optional(),
  results: z.array(z.object({ analyte: z.string(), value: z.number(), unit: z.string(), method: z.enum(['manual', 'automated']).optional() })).min(1),
}).openapi('LabPanelEntry');

export const fhirImportBody = z.union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())]).openapi('FhirObservations', { description: 'A FHIR R4 Bundle, an Observation, or an array of Observations' });

export const correctResultBody = z.object({ value: z.number(), unit: z.string(), reason: z.string() }).openapi('LabCorrection');

export const labQuery = z.object({ analyte: z.string().optional(), from: z.string().optional(), to: z.string().optional() });

const grade = z.object({ term: z.string(), grade: z.number().int().nullable(), reason: z.string(), reasonZh: z.string().optional(), version: z.string() });
const check = z.object({ check: z.string(), severity: z.literal('soft'), message: z.object({ en: z.string(), zh: z.string() }), params: z.record(z.string(), z.union([z.string(), z.number()])) });

export const labResultSchema = z.object({
  id: z.number().int(), studyId: z.string(), siteCode: z.string(), subjectNumber: z.string(), visitCode: z.string().nullable(), panel, analyte: z.string(), collectedOn: z.string(),
  value: z.number(), unit: z.string(), canonicalValue: z.number(), canonicalUnit: z.string(), method: z.enum(['manual', 'automated']).nullable(), lln: z.number().nullable(), uln: z.number().nullable(),
  limitBasis: z.unknown(), context: z.record(z.string(), z.unknown()), isBaseline: z.boolean(), grades: z.array(grade), checkResults: z.array(check),
  source: z.enum(['form', 'fhir', 'import']), sourceReference: z.string().nullable(), updatedAt: z.string(), updatedBy: z.string(),
}).openapi('LabResult');
export const labResultsSchema = z.object({ results: z.array(labResultSchema) }).openapi('LabResults');
export const labListSchema = z.object({ items: z.array(labResultSchema) }).openapi('LabResultList');
export const fhirImportSchema = z.object({ imported: z.array(labResultSchema), unchanged: z.array(z.string()), skipped: z.array(z.object({ index: z.number().int(), id: z.string().nullable(), reason: z.string() })) }).openapi('LabFhirImport');

export const recordTransfusionBody = z.object({
  givenOn: z.string(), product: z.enum(['RBC', 'platelets']), units: z.number(), preHb: measured.optional(), prePlatelets: measured.optional(), note: z.string().optional(),
}).openapi('TransfusionEntry');
export const correctTransfusionBody = z.object({
  givenOn: z.string().optional(), product: z.enum(['RBC', 'platelets']).optional(), units: z.number().optional(), preHb: measured.nullable().optional(), prePlatelets: measured.nullable().optional(),
  note: z.string().nullable().optional(), reason: z.string(),
}).openapi('TransfusionCorrection');
export const transfusionSchema = z.object({
  id: z.number().int(), subjectNumber: z.string(), siteCode: z.string(), givenOn: z.string(), product: z.enum(['RBC', 'platelets']), units: z.number(),
  preHb: z.number().nullable(), prePlatelets: z.number().nullable(), note: z.string().nullable(), updatedAt: z.string(), updatedBy: z.string(),
}).openapi('Transfusion');
export const transfusionListSchema = z.object({ items: z.array(transfusionSchema) }).openapi('TransfusionList');

export const recordMarrowBody = z.object({
  examinedOn: z.string(), visitCode: z.string().optional(), cellularityPercent: z.number().optional(), residualHematopoieticPercent: z.number().optional(), findings: z.string().optional(),
}).openapi('MarrowExamEntry');
export const marrowSchema = z.object({
  id: z.number().int(), subjectNumber: z.string(), siteCode: z.string(), visitCode: z.string().nullable(), examinedOn: z.string(), cellularityPercent: z.number().nullable(),
  residualHematopoieticPercent: z.number().nullable(), findings: z.string().nullable(), updatedAt: z.string(), updatedBy: z.string(),
}).openapi('MarrowExam');
export const marrowListSchema = z.object({ items: z.array(marrowSchema) }).openapi('MarrowExamList');

export const editChecksSchema = z.object({
  version: z.string(), source: z.string(), checks: z.array(z.record(z.string(), z.unknown())), entryUnits: z.record(z.string(), z.array(z.string())), panels: z.record(z.string(), z.array(z.string())),
}).openapi('EditCheckTable');
