// Request and response schemas of the disease-assessment routes (src/server/routes/assessments.ts).
// Bodies are typed loosely where the service checks them (it names the field, value and expected).
import { z } from '@hono/zod-openapi';
import { TIME_POINTS } from '../../core/clinical/tables/assessment-windows.ts';

const timePoint = z.string().openapi({ description: `${TIME_POINTS.join(', ')} or other-YYYY-MM-DD`, example: 'month-3' });

// Optional here so that the service answers (a subject out of sight is 404 before the time point is read; a missing one names its field).
export const assessmentPreviewQuery = z.object({
  timePoint: timePoint.optional(),
  assessedOn: z.string().optional().openapi({ description: 'YYYY-MM-DD, not before enrollment, not in the future', example: '2026-12-01' }),
});

export const recordAssessmentBody = z
  .object({
    timePoint,
    assessedOn: z.string().openapi({ example: '2026-12-01' }),
    note: z.string().optional(),
    reason: z.string().optional().openapi({ description: 'Required when the time point already has an assessment (it is replaced)' }),
  })
  .strict()
  .openapi('RecordAssessment');

const severity = z.enum(['VSAA', 'SAA', 'NSAA']).nullable();
const response = z.enum(['complete', 'partial', 'none']).nullable();
const classified = z.object({ severity, scheme: z.string(), reason: z.string() });
const derivedFields = {
  timePoint: z.string(),
  assessedOn: z.string(),
  window: z.object({ from: z.string(), to: z.string(), days: z.number(), description: z.string() }),
  counts: z.object({ date: z.string(), caveats: z.array(z.string()) }).passthrough().nullable(),
  baseline: z.object({ date: z.string(), basis: z.enum(['flagged', 'last-before-day-0']) }).passthrough().nullable(),
  marrow: z.object({ examinedOn: z.string() }).passthrough().nullable(),
  severity: classified,
  response: z.object({ response, scheme: z.string(), label: z.string().optional(), reason: z.string(), transfusionIndependent: z.boolean().nullable() }).nullable(),
};

export const assessmentPreviewSchema = z.object({ ...derivedFields, subjectNumber: z.string(), siteCode: z.string(), replaces: z.object({ assessedOn: z.string(), recordedAt: z.string() }).nullable() }).openapi('AssessmentPreview');

export const assessmentSchema = z
  .object({
    id: z.number().int(), subjectNumber: z.string(), siteCode: z.string(), timePoint: z.string(), assessedOn: z.string(), severity, severityScheme: z.string(), severityReason: z.string(),
    response, responseScheme: z.string().nullable(), responseReason: z.string().nullable(), transfusionIndependent: z.boolean().nullable(), note: z.string().nullable(),
    recordedBy: z.string(), recordedAt: z.string(), inputs: z.object(derivedFields).passthrough(),
  })
  .openapi('Assessment');

const point = z.object({ date: z.string(), value: z.number(), lln: z.number().nullable(), uln: z.number().nullable(), gcsf: z.boolean(), transfusedWithinDays: z.number().nullable(), method: z.enum(['manual', 'automated']).nullable() });

export const timelineSchema = z
  .object({
    studyId: z.string(), subjectNumber: z.string(), siteCode: z.string(), enrolledOn: z.string(), asOf: z.string(),
    dayZero: z.object({ date: z.string(), basis: z.enum(['first-dose', 'enrollment']) }),
    counts: z.array(z.object({ analyte: z.enum(['hemoglobin', 'anc', 'platelets', 'reticulocytes']), unit: z.string(), points: z.array(point) })),
    transfusions: z.array(z.object({ date: z.string(), product: z.enum(['RBC', 'platelets']), units: z.number(), preHb: z.number().nullable(), prePlatelets: z.number().nullable() })),
    doses: z.array(z.object({ givenAt: z.string(), product: z.string(), dose: z.number(), unit: z.string(), lot: z.string().nullable(), visitCode: z.string().nullable() })),
    adverseEvents: z.array(z.object({ seq: z.number().int(), term: z.string(), onsetOn: z.string(), resolvedOn: z.string().nullable(), grade: z.number().int().nullable(), serious: z.boolean(), outcome: z.string() })),
    visits: z.array(z.object({ visit: z.string(), label: z.object({ en: z.string(), zh: z.string() }), target: z.string(), windowStart: z.string(), windowEnd: z.string(), status: z.string(), date: z.string().optional(), recorded: z.enum(['done', 'not_done']).nullable() }).passthrough()),
    currentSeverity: classified.extend({ asOf: z.string().nullable() }),
    latestResponse: z.object({ timePoint: z.string().nullable(), assessedOn: z.string().nullable(), response, scheme: z.string().nullable(), reason: z.string(), derived: z.boolean() }).nullable(),
    assessments: z.array(assessmentSchema),
  })
  .openapi('SubjectTimeline');

export const responseSummarySchema = z
  .object({
    studyId: z.string(),
    byArm: z.boolean().openapi({ description: 'false when the study is blinded and arms are hidden from you (arm null)' }),
    rows: z.array(z.object({ arm: z.string().nullable(), timePoint: z.enum(['month-3', 'month-6', 'month-12']), complete: z.number().int(), partial: z.number().int(), none: z.number().int(), notAssessed: z.number().int() })),
  })
  .openapi('ResponseSummary');
