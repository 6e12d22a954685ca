// Request and response schemas of the visit and treatment routes. Bodies are typed loosely where the
// services check them (they name the field, the value and what was expected).
import { z } from '@hono/zod-openapi';
import { studyParams, subjectParams } from './subjects.ts';

export { studyParams, subjectParams };

export const visitParams = subjectParams.extend({ visitCode: z.string().openapi({ param: { name: 'visitCode', in: 'path' }, example: 'WEEK_1', description: "A visit code of the protocol, or a recorded unscheduled visit's UNS_n." }) });
export const administrationParams = subjectParams.extend({ administrationId: z.coerce.number().int().openapi({ param: { name: 'administrationId', in: 'path' }, example: 12 }) });

const label = z.object({ en: z.string(), zh: z.string() });

export const calendarVisitSchema = z.object({
  visit: z.string(), label, target: z.string(), windowStart: z.string(), windowEnd: z.string(),
  status: z.enum(['upcoming', 'due', 'overdue', 'done-in-window', 'done-out-of-window', 'not-done']),
  date: z.string().optional(), daysFromTarget: z.number().int().optional(), reason: z.string().optional(),
}).openapi('CalendarVisit');

export const calendarSchema = z.object({
  studyId: z.string(), siteCode: z.string(), subjectNumber: z.string(),
  anchor: z.object({ date: z.string(), basis: z.enum(['first-dose', 'enrollment']) }).openapi({ description: "Day 0: the first administration's UTC date, or the enrollment date (UTC) until a dose exists." }),
  asOf: z.string(), visits: z.array(calendarVisitSchema),
  unscheduled: z.array(z.object({ visitCode: z.string(), visitDate: z.string(), note: z.string().nullable() })),
}).openapi('VisitCalendar');

export const recordVisitBody = z.object({
  status: z.string().openapi({ description: "'done' (with visitDate) or 'not_done' (with reason)" }),
  visitDate: z.string().optional(), reason: z.string().optional(),
  changeReason: z.string().optional().openapi({ description: 'Required when the visit was already recorded' }),
}).openapi('RecordVisit');

export const unscheduledBody = z.object({ visitDate: z.string(), note: z.string().optional() }).openapi('RecordUnscheduledVisit');

export const recordedVisitSchema = z.object({
  studyId: z.string(), subjectNumber: z.string(), visitCode: z.string(), status: z.enum(['done', 'not_done']), visitDate: z.string().nullable(),
  reason: z.string().nullable(), note: z.string().nullable(), calendar: calendarVisitSchema.nullable(),
  warnings: z.array(z.object({ code: z.literal('out_of_window'), message: z.string(), window: z.object({ start: z.string(), end: z.string(), target: z.string() }) })),
}).openapi('RecordedVisit');

export const attentionQuery = z.object({ siteCode: z.string().optional() });
export const attentionSchema = z.array(calendarVisitSchema.extend({ siteCode: z.string(), subjectNumber: z.string(), attention: z.enum(['overdue', 'due', 'out-of-window']) })).openapi('VisitsNeedingAttention');

const doseSchema = z.object({ value: z.unknown(), unit: z.unknown() });

export const administrationBody = z.object({
  product: z.unknown().openapi({ description: "'UC-MSC', 'UCB' or 'cyclosporine A'" }), lot: z.string().optional(),
  givenAt: z.unknown().openapi({ description: 'Date-time with its offset, e.g. 2026-09-05T09:30:00+08:00' }), route: z.unknown().openapi({ description: "'IV', 'oral' or 'other'" }),
  dose: doseSchema.openapi({ description: 'cells, 10^6 cells, 10^6 cells/kg (UC-MSC, UCB); mg/kg/day, mg/day (cyclosporine A)' }),
  weightKg: z.unknown().optional(), visitCode: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional().openapi({ description: 'UCB: tncPerKg, cd34PerKg; cyclosporine A: troughNgPerMl' }),
  infusionReaction: z.object({ occurred: z.unknown(), description: z.string().optional(), signs: z.record(z.string(), z.unknown()).optional() }).optional(),
}).openapi('RecordAdministration');

export const correctAdministrationBody = z.object({ changes: administrationBody.partial(), reason: z.string() }).openapi('CorrectAdministration');

const warning = z.object({ code: z.enum(['dose_out_of_range', 'dose_unchecked', 'product_not_in_arm']), message: z.string() });
export const administrationSchema = z.object({
  id: z.number().int(), studyId: z.string(), siteCode: z.string(), subjectNumber: z.string(), product: z.string(), lot: z.string().nullable(), givenAt: z.string(),
  route: z.string(), dose: z.object({ value: z.number(), unit: z.string() }), doseTotal: z.number().nullable(), dosePerKg: z.number().nullable(), weightKg: z.number().nullable(),
  visitCode: z.string().nullable(), details: z.record(z.string(), z.number()),
  infusionReaction: z.object({ occurred: z.boolean(), description: z.string().optional(), signs: z.record(z.string(), z.boolean()).optional(), suggestedGrade: z.object({ grade: z.number(), reason: z.string(), reasonZh: z.string() }).nullable() }).nullable(),
  doseCheck: z.object({ status: z.enum(['ok', 'warning', 'unchecked']), message: z.string(), rule: z.string().optional(), total: z.number().optional(), perKg: z.number().optional() }),
  warnings: z.array(warning), createdAt: z.string(), createdBy: z.string(), updatedAt: z.string(), updatedBy: z.string(),
}).openapi('Administration');
