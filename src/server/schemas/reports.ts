// The study report over HTTP (src/core/study/study-report.ts): query and response shapes for OpenAPI.
import { z } from '@hono/zod-openapi';

const counts = z.record(z.string(), z.number().int());
const interval = z.tuple([z.number(), z.number()]).nullable();

export const reportQuery = z.object({ site: z.string().optional().openapi({ description: 'Only this site (a code of the study within your sites)' }) });

export const studyReportSchema = z.object({
  studyId: z.string(), siteCode: z.string().nullable(), asOf: z.string(), armsVisible: z.boolean(),
  arms: z.array(z.object({ code: z.string(), label: z.string() })),
  consort: z.object({
    screened: z.number().int(), screenFailures: z.number().int(), screenFailuresByReason: z.array(z.object({ criterion: z.string(), subjects: z.number().int() })),
    declined: z.number().int(), pending: z.number().int(), enrolled: z.number().int(), byArm: counts, treated: counts, assessed: z.record(z.string(), counts),
    discontinued: z.object({ total: z.number().int(), byArm: counts, reasons: z.array(z.object({ reason: z.string(), subjects: z.number().int() })) }),
  }),
  enrollmentBySite: z.array(z.object({ siteCode: z.string(), screened: z.number().int(), enrolled: z.number().int(), conversion: z.number().nullable() })),
  response: z.array(z.object({
    arm: z.string(), timepoint: z.enum(['month-3', 'month-6', 'month-12']), n: z.number().int(), complete: z.number().int(), partial: z.number().int(), overall: z.number().int(),
    none: z.number().int(), notAssessable: z.number().int(), notAssessed: z.number().int(), ci95: z.object({ complete: interval, overall: interval }),
    subjects: z.object({ complete: z.array(z.string()), partial: z.array(z.string()), none: z.array(z.string()), notAssessable: z.array(z.string()) }),
  })),
  responseDifference: z.array(z.object({ timepoint: z.string(), arms: z.tuple([z.string(), z.string()]), difference: z.number(), ci95: z.tuple([z.number(), z.number()]) })),
  adverseEvents: z.array(z.object({ term: z.string(), arm: z.string(), grade: z.number().int().nullable(), subjects: z.number().int() })),
  seriousAdverseEvents: z.object({ events: z.number().int(), subjects: counts }),
  notes: z.array(z.string()),
}).openapi('StudyReport');
