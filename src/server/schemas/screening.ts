// The screening result as the API documents it, tied to the core types with `satisfies`: a field the
// evaluator adds to ScreeningResult without a schema here fails the type-check. Add new result fields
// (explanations, structured reasons) beside the ones they explain.
import { z } from '@hono/zod-openapi';
import type { Explanation } from '../../core/criteria/explain/messages.ts';
import type { ConfirmItem, CriterionResult, Evidence, MissingItem, RecordProblemView, ScreeningResult } from '../../core/criteria/evaluate.ts';
import type { LimitBasis } from '../../core/patient/limit-basis.ts';
import { RANKING_DETAILS, type Ranking } from '../../eligibility/screening.ts';
import { ruleSetRef } from './common.ts';


// The explanation's params differ per code (core/criteria/explain/messages.ts); the document shows the common shape.
const explanationSchema = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).openapi('ScreeningExplanation', { description: 'A reason as a code and parameters (core/criteria/explain); reason and reasonZh are its English and Chinese renderings' }) as unknown as z.ZodType<Explanation>;
const recordProblemSchema = z
  .object({ resource: z.string(), field: z.string(), detail: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }) })
  .openapi('RecordProblem', { description: 'A problem in the patient record (core/patient/record-problems.ts codes)' }) as unknown as z.ZodType<RecordProblemView>;
const limitBasisSchema = z
  .object({ source: z.enum(['observation', 'site', 'default']) })
  .passthrough()
  .openapi('LimitBasis', { description: 'Where the limit came from: the result itself (text), a site (siteId, band, effectiveFrom) or a default (reference, band)' }) as unknown as z.ZodType<LimitBasis>;
export const missingItemSchema = z.object({ criterion: z.string(), what: z.string(), whatZh: z.string().optional(), explanation: explanationSchema.optional() }).openapi('MissingItem') satisfies z.ZodType<MissingItem>;

export const evidenceSchema = z
  .object({
    kind: z.enum(['observation', 'qualitative', 'score', 'age', 'sex', 'condition', 'medication', 'procedure', 'allergy', 'pregnancy', 'lactation']),
    label: z.string(),
    labelZh: z.string().optional(),
    explanation: explanationSchema.optional(),
    value: z.union([z.number(), z.string()]).optional(),
    unit: z.string().optional().openapi({ description: 'UCUM unit (canonical for the analyte)' }),
    recorded: z.object({ value: z.union([z.number(), z.string()]), unit: z.string() }).optional().openapi({ description: 'The value as recorded, when it was converted' }),
    date: z.string().optional(),
    source: z.string().optional().openapi({ description: 'FHIR resource, e.g. Observation/lab-7' }),
    limit: z.object({ bound: z.enum(['low', 'high']), value: z.number(), unit: z.string(), source: z.enum(['observation', 'site', 'default']), detail: z.string(), basis: limitBasisSchema.optional() }).optional(),
    ratio: z.number().optional().openapi({ description: 'value ÷ limit for × ULN / × LLN criteria' }),
    threshold: z.string().optional(),
    outcome: z.enum(['true', 'false', 'unknown', 'confirm']),
  })
  .openapi('ScreeningEvidence') satisfies z.ZodType<Evidence>;

export const criterionResultSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['inclusion', 'exclusion']),
    text: z.string().openapi({ description: "The criterion's source text" }),
    status: z.enum(['pass', 'fail', 'unknown', 'confirm']),
    reason: z.string(),
    evidence: z.array(evidenceSchema),
    ambiguities: z.array(z.string()).optional(),
    ambiguitiesZh: z.array(z.string().nullable()).optional().openapi({ description: '`ambiguities` in Simplified Chinese, index for index; null where a reading has no translation. Present when any has one.' }),
    reasonZh: z.string().optional().openapi({ description: 'The reason in Simplified Chinese (an untranslated confirm question is shown as marked English source text).' }),
    explanation: explanationSchema.optional(),
    notEncoded: z.array(z.string()).optional().openapi({ description: "Parts of a partially parsed criterion's text that no rule encodes: the status rests on the encoded part only" }),
  })
  .openapi('CriterionResult') satisfies z.ZodType<CriterionResult>;

export const confirmItemSchema = z
  .object({
    criterion: z.string(),
    question: z.string().openapi({ description: 'What a person must confirm, in English (the language of the rules)' }),
    questionZh: z.string().optional().openapi({ description: 'The question in Simplified Chinese; absent when the rule has no translation (e.g. a question quoting the source text verbatim) — show `question`, marked as untranslated' }),
  })
  .openapi('ConfirmItem') satisfies z.ZodType<ConfirmItem>;

export const screeningResultSchema = z
  .object({
    trial: z.string(),
    asOf: z.string(),
    verdict: z.enum(['eligible', 'ineligible', 'incomplete']),
    ruleSet: ruleSetRef,
    criteria: z.array(criterionResultSchema),
    missing: z.array(missingItemSchema),
    confirm: z.array(confirmItemSchema),
    warnings: z.array(z.string()).openapi({ description: 'Problems found in the patient record, each naming the resource and field' }),
    recordProblems: z.array(recordProblemSchema).openapi({ description: 'The same problems as data: resource, field and a code with parameters' }),
  })
  .openapi('ScreeningResult') satisfies z.ZodType<ScreeningResult>;

export const rankingSchema = z
  .object({
    asOf: z.string(),
    total: z.number().int().openapi({ description: 'Open trials with a rule set that were screened — all of them, not only those returned' }),
    screened: z.number().int().openapi({ description: 'Same as total' }),
    verdicts: z.object({ eligible: z.number().int(), incomplete: z.number().int(), ineligible: z.number().int() }).openapi({ description: 'Screened trials by verdict, over all of them' }),
    limit: z.number().int(),
    detail: z.enum(RANKING_DETAILS),
    trials: z.array(
      z.object({
        trial: z.string().openapi({ description: 'NCT id' }),
        title: z.string().nullable(),
        status: z.string().nullable(),
        verdict: z.enum(['eligible', 'ineligible', 'incomplete']),
        ruleSet: ruleSetRef,
        counts: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), confirm: z.number().int() }).openapi({ description: 'Criteria by status' }),
        missing: z.array(missingItemSchema),
        confirm: z.number().int().openapi({ description: 'Points a person must confirm' }),
        criteria: z.array(criterionResultSchema).optional().openapi({ description: 'detail=full only: every criterion with status, reason and evidence' }),
        confirmItems: z.array(confirmItemSchema).optional().openapi({ description: 'detail=full only: the points to confirm' }),
      }),
    ).openapi({ description: 'The best `limit` trials: eligible first, then incomplete by how little is missing, then ineligible' }),
    warnings: z.array(z.string()),
    recordProblems: z.array(recordProblemSchema),
  })
  .openapi('ScreeningRanking') satisfies z.ZodType<Ranking>;
