// Request and response shapes of the adverse-event and safety routes. Bodies stay loose where the
// safety service gives the clinical message (term, dates, codes); responses are the service's views.
import { z } from '@hono/zod-openapi';
import { ACTIONS_TAKEN, OUTCOMES, RELATEDNESS_LEVELS, SERIOUSNESS_CRITERIA, codesOf } from '../../core/clinical/tables/safety-reporting.ts';
import { studyParams, subjectParams } from './subjects.ts';

export { studyParams, subjectParams };
export const adverseEventParams = subjectParams.extend({ aeNumber: z.coerce.number().int().openapi({ param: { name: 'aeNumber', in: 'path' }, example: 1, description: "The subject's adverse-event number (1, 2, …)" }) });

const measurement = z.object({ value: z.number(), unit: z.string(), lln: z.number().optional(), uln: z.number().optional(), limitsUnit: z.string().optional(), anticoagulated: z.boolean().optional() });
const bloodPressure = z.object({ systolic: z.number(), diastolic: z.number() });
const infusion = z.record(z.string(), z.unknown()).openapi({ description: 'Infusion reaction facts: interruptedOrTreated, prolongedOrRecurrentOrHospitalized, lifeThreatening, death' });

export const gradeBody = z.object({ term: z.string(), lab: measurement.optional(), baseline: measurement.optional(), bloodPressure: bloodPressure.optional(), infusion: infusion.optional() }).openapi('AdverseEventGradeRequest');
export const gradeSchema = z.object({
  kind: z.enum(['computed', 'suggested', 'investigator', 'refused']), term: z.string().optional(), grade: z.number().int().nullable().optional(), baselineGrade: z.number().int().nullable().optional(),
  code: z.string().optional(), field: z.string().optional(), expected: z.string().optional(), reason: z.string(), reasonZh: z.string(), version: z.string(),
  grades: z.array(z.object({ grade: z.number().int(), text: z.string(), textZh: z.string().optional() })).optional(), suggestions: z.array(z.string()).optional(),
}).openapi('AdverseEventGrade');
export const termsSchema = z.array(z.object({ term: z.string(), termZh: z.string(), lab: z.boolean(), grades: z.array(z.object({ grade: z.number().int(), text: z.string(), textZh: z.string().optional() })) })).openapi('AdverseEventTerms');

export const adverseEventBody = z.object({
  term: z.unknown().openapi({ description: 'A CTCAE v5.0 term as written, e.g. "Platelet count decreased", "Fever"' }),
  description: z.string().nullable().optional(),
  onsetOn: z.unknown().openapi({ description: 'YYYY-MM-DD, on or after enrollment' }), resolvedOn: z.unknown().optional().openapi({ description: 'YYYY-MM-DD, on or after the onset' }),
  grade: z.unknown().optional().openapi({ description: '1–5; computed from labResultId for lab terms, suggested from bloodPressure/infusion' }),
  gradeOverrideReason: z.string().optional(), labResultId: z.unknown().optional(),
  serious: z.unknown().openapi({ description: 'true or false' }),
  seriousness: z.array(z.unknown()).optional().openapi({ description: `When serious, at least one of ${codesOf(SERIOUSNESS_CRITERIA).join(', ')}` }),
  relatedness: z.record(z.string(), z.unknown()).openapi({ description: `Causality to each product of the subject's arm: ${codesOf(RELATEDNESS_LEVELS).join(', ')}` }),
  actionTaken: z.unknown().openapi({ description: codesOf(ACTIONS_TAKEN).join(', ') }), outcome: z.unknown().openapi({ description: codesOf(OUTCOMES).join(', ') }),
  awareAt: z.unknown().optional().openapi({ description: 'When the site learnt of a serious event: a date-time with its offset' }),
  bloodPressure: bloodPressure.optional(), infusion: infusion.optional(),
}).openapi('RecordAdverseEvent');
export const correctAdverseEventBody = z.object({ changes: adverseEventBody.partial(), reason: z.string() }).openapi('CorrectAdverseEvent');
export const reportBody = z.object({ recipient: z.unknown().openapi({ description: "'sponsor' (the site's report) or 'authority' (the sponsor's expedited report)" }), reportedAt: z.unknown(), expected: z.unknown().optional() }).openapi('RecordSafetyReport');

const report = z.object({
  clock: z.string(), recipient: z.enum(['sponsor', 'authority']), dueAt: z.string(), followUpDueAt: z.string().nullable(), reportedAt: z.string().nullable(),
  status: z.enum(['due', 'overdue', 'done']), late: z.boolean(), hoursLeft: z.number().nullable(), label: z.string(), labelZh: z.string(), source: z.string(),
});
const basis = z.object({ grade: z.number().int().nullable(), kind: z.string(), reason: z.string(), reasonZh: z.string(), version: z.string(), labResultId: z.number().int().optional(), baselineGrade: z.number().int().nullable().optional(), overrideReason: z.string().optional() });

export const adverseEventSchema = z.object({
  id: z.number().int(), studyId: z.string(), siteCode: z.string(), subjectNumber: z.string(), aeNumber: z.number().int(), term: z.string(), termZh: z.string(),
  description: z.string().nullable(), onsetOn: z.string(), resolvedOn: z.string().nullable(), grade: z.number().int().nullable(), gradeSource: z.enum(['computed', 'suggested', 'investigator']),
  gradeBasis: basis.nullable(), ctcaeVersion: z.string(), labResultId: z.number().int().nullable(), serious: z.boolean(), seriousness: z.array(z.string()),
  relatedness: z.record(z.string(), z.string()), related: z.boolean(), expected: z.boolean().nullable(), actionTaken: z.string(), outcome: z.string(), awareAt: z.string().nullable(),
  reports: z.array(report), createdAt: z.string(), createdBy: z.string(), updatedAt: z.string(), updatedBy: z.string(),
}).openapi('AdverseEvent');

export const seriousQuery = z.object({ site: z.string().optional(), status: z.enum(['due', 'overdue', 'done']).optional() });
export const seriousEventSchema = z.object({
  studyId: z.string(), siteCode: z.string(), subjectNumber: z.string(), aeNumber: z.number().int(), term: z.string(), termZh: z.string(), grade: z.number().int().nullable(),
  onsetOn: z.string(), seriousness: z.array(z.string()), awareAt: z.string().nullable(), reports: z.array(report), nextDueAt: z.string().nullable(), status: z.enum(['due', 'overdue', 'done']),
}).openapi('SeriousEvent');
export const shiftsQuery = z.object({ site: z.string().optional() });
export const shiftsSchema = z.object({ terms: z.array(z.object({ term: z.string(), termZh: z.string(), subjects: z.number().int(), counts: z.record(z.string(), z.record(z.string(), z.number().int())) })) }).openapi('ShiftTables');
