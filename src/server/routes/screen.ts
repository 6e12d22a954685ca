// Eligibility over HTTP: screen a FHIR record against a trial or rank every open trial, read a
// trial's rules as text, the patient questionnaire and its verdict, and a site's reference ranges.
// Patient data arrive in request bodies only — never in URLs — and are never logged.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { printCriterion } from '../../core/criteria/print.ts';
import { buildQuestionnaire, questionnaireVerdict } from '../../core/criteria/questionnaire.ts';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { FhirInputError } from '../../core/patient/fhir.ts';
import { bundleFromManualRecord, manualRecordSchema } from '../../core/patient/manual.ts';
import { ANALYTES } from '../../core/clinical/tables/analytes.ts';
import { CONCEPTS } from '../../core/clinical/tables/conditions.ts';
import { SCALES_TABLE } from '../../core/clinical/tables/scales.ts';
import { NCT_ID_PATTERN } from '../../core/trial/model.ts';
import { listRuleSets, ruleSetVersions } from '../../eligibility/rule-set-store.ts';
import { rankOpenTrials, ruleSetForScreening, screenTrial, storedRuleSetForScreening } from '../../eligibility/screen.ts';
import { DEFAULT_RANKING_LIMIT, MAX_RANKING_LIMIT, RANKING_DETAILS, ScreeningError } from '../../eligibility/screening.ts';
import { replaceSiteRanges, SITE_ID_PATTERN, SiteRangeError, siteRanges, sitesWithRanges, validateSiteRanges } from '../../eligibility/site-ranges.ts';
import { ApiError } from '../errors.ts';
import type { RouteModule } from './index.ts';

/** A FHIR record larger than this is refused (a screening record is a few hundred kB at most). */
const MAX_RECORD_BYTES = 10 * 1024 * 1024;

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorBodySchema } } });

const nctIdParam = z.object({ nctId: z.string().regex(NCT_ID_PATTERN, 'expected an NCT id: "NCT" and 8 digits').openapi({ param: { name: 'nctId', in: 'path' }, example: 'NCT05794425' }) });
const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');
const screenQuery = z.object({
  asOf: isoDate.optional().openapi({ param: { name: 'asOf', in: 'query' }, description: 'Screening date (default: today, UTC)', example: '2026-03-01' }),
  site: z.string().regex(SITE_ID_PATTERN, 'expected a site id').optional().openapi({ param: { name: 'site', in: 'query' }, description: "Use this site's reference ranges" }),
});

const fhirBody = {
  required: true,
  description: 'The patient record: a FHIR R4 Bundle (collection, transaction, searchset), or NDJSON with one resource per line.',
  content: {
    // A plain OpenAPI schema, not zod: the FHIR reader checks the body (422 naming the field), not the request validator.
    'application/fhir+json': { schema: { type: 'object' as const, description: 'FHIR R4 Bundle: {"resourceType": "Bundle", "entry": [{"resource": …}]}', properties: { resourceType: { type: 'string' as const, enum: ['Bundle'] } } } },
    'application/json': { schema: { type: 'object' as const, description: 'Same as application/fhir+json' } },
    'application/x-ndjson': { schema: { type: 'string' as const, description: 'One FHIR resource (JSON) per line' } },
  },
};

const explanationSchema = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).openapi('ScreeningExplanation', { description: 'A reason as a code and parameters (core/criteria/explain); reason and reasonZh are its English and Chinese renderings' });

const evidenceSchema = z
  .object({
    kind: z.string(),
    label: z.string(),
    labelZh: z.string().optional(),
    explanation: explanationSchema.optional(),
    value: z.union([z.number(), z.string()]).optional(),
    unit: z.string().optional().openapi({ description: 'UCUM unit (canonical for the analyte)' }),
    recorded: z.object({ value: z.union([z.number(), z.string()]), unit: z.string() }).optional().openapi({ description: 'The value as recorded, when it was converted' }),
    date: z.string().optional(),
    source: z.string().optional().openapi({ description: 'FHIR resource, e.g. Observation/lab-7' }),
    limit: z.object({ bound: z.enum(['low', 'high']), value: z.number(), unit: z.string(), source: z.enum(['observation', 'site', 'default']), detail: z.string() }).optional(),
    ratio: z.number().optional().openapi({ description: 'value ÷ limit for × ULN / × LLN criteria' }),
    threshold: z.string().optional(),
    outcome: z.enum(['true', 'false', 'unknown', 'confirm']),
  })
  .openapi('ScreeningEvidence');

const criterionResultSchema = z
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
  .openapi('CriterionResult');

const confirmItemSchema = z
  .object({
    criterion: z.string(),
    question: z.string().openapi({ description: 'What a person must confirm, in English (the language of the rules)' }),
    questionZh: z.string().optional().openapi({ description: 'The question in Simplified Chinese; absent when the rule has no translation (e.g. a question quoting the source text verbatim) — show `question`, marked as untranslated' }),
  })
  .openapi('ConfirmItem');

const screeningResultSchema = z
  .object({
    trial: z.string(),
    asOf: z.string(),
    verdict: z.enum(['eligible', 'ineligible', 'incomplete']),
    ruleSet: z.object({ version: z.number().int(), review: z.enum(['reviewed', 'unreviewed']) }),
    criteria: z.array(criterionResultSchema),
    missing: z.array(z.object({ criterion: z.string(), what: z.string(), whatZh: z.string().optional() })),
    confirm: z.array(confirmItemSchema),
    warnings: z.array(z.string()).openapi({ description: 'Problems found in the patient record, each naming the resource and field' }),
  })
  .openapi('ScreeningResult');

const rankingSchema = z
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
        ruleSet: z.object({ version: z.number().int(), review: z.enum(['reviewed', 'unreviewed']) }),
        counts: z.object({ pass: z.number().int(), fail: z.number().int(), unknown: z.number().int(), confirm: z.number().int() }).openapi({ description: 'Criteria by status' }),
        missing: z.array(z.object({ criterion: z.string(), what: z.string(), whatZh: z.string().optional() })),
        confirm: z.number().int().openapi({ description: 'Points a person must confirm' }),
        criteria: z.array(criterionResultSchema).optional().openapi({ description: 'detail=full only: every criterion with status, reason and evidence' }),
        confirmItems: z.array(confirmItemSchema).optional().openapi({ description: 'detail=full only: the points to confirm' }),
      }),
    ).openapi({ description: 'The best `limit` trials: eligible first, then incomplete by how little is missing, then ineligible' }),
    warnings: z.array(z.string()),
  })
  .openapi('ScreeningRanking');

const rankQuery = screenQuery.extend({
  limit: z.coerce.number().int().min(1).max(MAX_RANKING_LIMIT).default(DEFAULT_RANKING_LIMIT).openapi({ param: { name: 'limit', in: 'query' }, description: `How many ranked trials to return, 1–${MAX_RANKING_LIMIT} (default ${DEFAULT_RANKING_LIMIT}); total and verdicts count every trial` }),
  detail: z.enum(RANKING_DETAILS).default('summary').openapi({ param: { name: 'detail', in: 'query' }, description: "summary (default): counts, missing data and confirm count per trial; full: each trial's criteria with reasons and evidence too" }),
});

const printedRulesSchema = z
  .object({
    nctId: z.string(),
    version: z.number().int(),
    review: z.enum(['reviewed', 'unreviewed']),
    source: z.string().openapi({ description: "'seed', 'hand' or 'parser'" }),
    parserVersion: z.string().nullable().openapi({ description: 'The criteria parser version that produced an unreviewed parser rule set' }),
    versions: z.array(z.object({ version: z.number().int(), review: z.string(), source: z.string(), createdAt: z.string() })),
    criteria: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['inclusion', 'exclusion']),
        text: z.string(),
        span: z.tuple([z.number(), z.number()]).optional(),
        rule: z.object({ en: z.string(), zh: z.string() }).openapi({ description: 'The rule as text; in zh, free text without a translation is the English quoted and marked “…”（英文原文，暂无中文）' }),
        ambiguities: z.array(z.string()),
        ambiguitiesZh: z.array(z.string()).openapi({ description: '`ambiguities` in Chinese, index for index; an untranslated one is the marked English' }),
        status: z.enum(['computable', 'partial', 'needs_review']).optional().openapi({ description: 'How much of the criterion the parser turned into rules' }),
        unparsed: z.array(z.object({ text: z.string(), span: z.tuple([z.number(), z.number()]).optional() })).openapi({ description: 'Parts of the text that did not become rules' }),
        source: z.unknown().openapi({ description: 'The rule tree (src/core/criteria/rules.ts)' }),
      }),
    ),
  })
  .openapi('TrialRules');

const questionSchema = z.object({
  id: z.string(),
  type: z.enum(['yes-no', 'number', 'date', 'choice', 'sex']),
  text: z.string(),
  help: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  criteria: z.array(z.string()),
  askIf: z.string().optional(),
});

const questionnaireSchema = z
  .object({ trial: z.string(), lang: z.enum(['en', 'zh']), ruleSet: z.object({ version: z.number().int(), review: z.enum(['reviewed', 'unreviewed']) }), intro: z.string(), questions: z.array(questionSchema), teamWillCheck: z.array(z.string()) })
  .openapi('Questionnaire');

const answersSchema = z
  .object({
    lang: z.enum(['en', 'zh']).default('en'),
    asOf: isoDate.optional(),
    answers: z.record(z.string(), z.union([z.string().max(200), z.number()])),
  })
  .openapi('QuestionnaireAnswers');

const verdictSchema = z
  .object({ trial: z.string(), lang: z.enum(['en', 'zh']), outcome: z.enum(['may-be-eligible', 'probably-not']), message: z.string(), because: z.array(z.string()), nextSteps: z.array(z.string()) })
  .openapi('QuestionnaireVerdict');

const siteRangeSchema = z
  .object({
    analyte: z.string().openapi({ example: 'bilirubin.total' }),
    sex: z.enum(['any', 'female', 'male']).optional(),
    ageFrom: z.number().int().optional(),
    ageTo: z.number().int().optional().openapi({ description: 'Exclusive upper bound of the age band, years' }),
    low: z.number().optional(),
    high: z.number().optional(),
    unit: z.string().openapi({ example: 'umol/L' }),
    source: z.string().optional(),
    effectiveFrom: z.string().openapi({ example: '2025-01-01' }),
    effectiveTo: z.string().optional(),
  })
  .openapi('SiteReferenceRange');
const siteParam = z.object({ siteId: z.string().regex(SITE_ID_PATTERN, 'expected a site id: letters, digits, ".", "_" or "-"').openapi({ param: { name: 'siteId', in: 'path' } }) });
const siteRangesBody = z.object({ ranges: z.array(z.unknown()) }).openapi('SiteReferenceRangesInput');
const siteRangesResponse = z.object({ siteId: z.string(), ranges: z.array(siteRangeSchema) }).openapi('SiteReferenceRanges');

const screenTrialRoute = createRoute({
  method: 'post',
  path: '/api/trials/{nctId}/screen',
  summary: "Screen one patient (FHIR R4) against a trial's current rule set",
  request: { params: nctIdParam, query: screenQuery, body: fhirBody },
  responses: {
    200: { description: 'Criterion-by-criterion result with reasons and evidence', content: { 'application/json': { schema: screeningResultSchema } } },
    400: errorResponse('Bad query parameter'),
    404: errorResponse('Trial not in the registry, or it has no rule set'),
    413: errorResponse('Record too large'),
    422: errorResponse('The body is not a FHIR Bundle or NDJSON'),
  },
});

const screenFormRoute = createRoute({
  method: 'post',
  path: '/api/trials/{nctId}/screen/form',
  summary: 'Screen a patient entered by hand (the web form) against a trial',
  description: 'The record is turned into a FHIR Bundle (Eligo concept codes, LOINC) and screened like any other; nothing is stored. Codes come from GET /api/eligibility/catalog.',
  request: { params: nctIdParam, query: screenQuery, body: { required: true, content: { 'application/json': { schema: manualRecordSchema.openapi('ManualPatientRecord') } } } },
  responses: {
    200: { description: 'Criterion-by-criterion result', content: { 'application/json': { schema: screeningResultSchema } } },
    400: errorResponse('A field of the record is invalid (the details name it)'),
    404: errorResponse('Trial not in the registry, or it has no rule set'),
  },
});

const catalogRoute = createRoute({
  method: 'get',
  path: '/api/eligibility/catalog',
  summary: 'Analytes, concepts and scales screening understands (for forms and rule editors), with English and Chinese labels',
  responses: {
    200: {
      description: 'The clinical tables screening reads',
      content: {
        'application/json': {
          schema: z
            .object({
              analytes: z.array(z.object({ key: z.string(), kind: z.enum(['quantity', 'qualitative']), short: z.string(), label: z.object({ en: z.string(), zh: z.string() }), unit: z.string().optional(), loinc: z.array(z.string()) })),
              concepts: z.array(z.object({ id: z.string(), domain: z.string(), label: z.object({ en: z.string(), zh: z.string() }) })),
              scales: z.array(z.object({ id: z.string(), label: z.object({ en: z.string(), zh: z.string() }), grades: z.array(z.number()) })),
            })
            .openapi('EligibilityCatalog'),
        },
      },
    },
  },
});

const rankRoute = createRoute({
  method: 'post',
  path: '/api/screen',
  summary: 'Rank every recruiting and not-yet-recruiting trial with rules for one patient',
  description: "Every open trial is screened and counted; the best `limit` are returned (a trial's full result: POST /api/trials/{nctId}/screen, or detail=full).",
  request: { query: rankQuery, body: fhirBody },
  responses: {
    200: { description: 'Eligible first, then incomplete by how little is missing, then ineligible', content: { 'application/json': { schema: rankingSchema } } },
    400: errorResponse('Bad query parameter (asOf, site, limit or detail)'),
    413: errorResponse('Record too large'),
    422: errorResponse('The body is not a FHIR Bundle or NDJSON'),
  },
});

const rulesRoute = createRoute({
  method: 'get',
  path: '/api/trials/{nctId}/rules',
  summary: "A trial's current rule set, each rule printed as readable text (English and Chinese)",
  request: { params: nctIdParam },
  responses: {
    200: { description: 'The rule set', content: { 'application/json': { schema: printedRulesSchema } } },
    404: errorResponse('Trial not in the registry, or it has no rule set'),
  },
});

const langQuery = z.object({ lang: z.enum(['en', 'zh']).default('en').openapi({ param: { name: 'lang', in: 'query' } }) });

const questionnaireRoute = createRoute({
  method: 'get',
  path: '/api/trials/{nctId}/questionnaire',
  summary: "Plain-language questions for patients, generated from the trial's rules",
  request: { params: nctIdParam, query: langQuery },
  responses: {
    200: { description: 'The questionnaire', content: { 'application/json': { schema: questionnaireSchema } } },
    404: errorResponse('Trial not in the registry, or it has no rule set'),
  },
});

const questionnaireVerdictRoute = createRoute({
  method: 'post',
  path: '/api/trials/{nctId}/questionnaire',
  summary: 'The patient-facing verdict from questionnaire answers (nothing is stored)',
  request: { params: nctIdParam, body: { required: true, content: { 'application/json': { schema: answersSchema } } } },
  responses: {
    200: { description: '"You may be eligible" with next steps, or "probably not for you" with reasons', content: { 'application/json': { schema: verdictSchema } } },
    400: errorResponse('Bad answers'),
    404: errorResponse('Trial not in the registry, or it has no rule set'),
  },
});

const getSiteRangesRoute = createRoute({
  method: 'get',
  path: '/api/sites/{siteId}/reference-ranges',
  summary: "A site's reference ranges (limits of normal) used for × ULN criteria",
  request: { params: siteParam },
  responses: { 200: { description: "The site's ranges", content: { 'application/json': { schema: siteRangesResponse } } } },
});

const putSiteRangesRoute = createRoute({
  method: 'put',
  path: '/api/sites/{siteId}/reference-ranges',
  summary: "Replace a site's reference ranges (validated; all or nothing)",
  request: { params: siteParam, body: { required: true, content: { 'application/json': { schema: siteRangesBody } } } },
  responses: {
    200: { description: 'The stored ranges', content: { 'application/json': { schema: siteRangesResponse } } },
    400: errorResponse('A range is invalid (the details name each field)'),
  },
});

const sitesRoute = createRoute({
  method: 'get',
  path: '/api/sites',
  summary: 'Sites with configured reference ranges (for choosing the limits of normal a screening uses)',
  responses: {
    200: {
      description: 'The sites, by id',
      content: { 'application/json': { schema: z.object({ sites: z.array(z.object({ siteId: z.string(), ranges: z.number().int(), analytes: z.number().int() })) }).openapi('SitesWithRanges') } },
    },
  },
});

const ruleSetListQuery = z.object({
  review: z.enum(['reviewed', 'unreviewed']).optional().openapi({ param: { name: 'review', in: 'query' }, description: 'Only trials whose current rule set is in this state' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ param: { name: 'offset', in: 'query' } }),
});

const ruleSetListRoute = createRoute({
  method: 'get',
  path: '/api/rule-sets',
  summary: 'Trials with a rule set: the current version, its review state and its criteria by parse status (for the review list)',
  request: { query: ruleSetListQuery },
  responses: {
    200: {
      description: 'One page, by NCT id',
      content: {
        'application/json': {
          schema: z
            .object({
              total: z.number().int(),
              items: z.array(
                z.object({
                  nctId: z.string(),
                  title: z.string().nullable(),
                  status: z.string().nullable(),
                  version: z.number().int(),
                  latestVersion: z.number().int(),
                  review: z.enum(['reviewed', 'unreviewed']),
                  source: z.string(),
                  criteria: z.object({ total: z.number().int(), computable: z.number().int(), partial: z.number().int(), needs_review: z.number().int(), unspecified: z.number().int() }),
                }),
              ),
            })
            .openapi('RuleSetList'),
        },
      },
    },
    400: errorResponse('Bad query parameter'),
  },
});

async function readRecord(c: Context): Promise<string> {
  const length = Number(c.req.header('content-length') ?? 0);
  if (length > MAX_RECORD_BYTES) throw new ApiError(413, 'record_too_large', `the patient record is ${length} bytes; the limit is ${MAX_RECORD_BYTES}`);
  const text = await c.req.text();
  if (text.length > MAX_RECORD_BYTES) throw new ApiError(413, 'record_too_large', `the patient record is larger than ${MAX_RECORD_BYTES} bytes`);
  return text;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Service errors as API errors; the FHIR error names the field, never a patient value beyond it. */
function translate(error: unknown): never {
  if (error instanceof FhirInputError) throw new ApiError(422, 'invalid_fhir', error.message, { field: error.field });
  if (error instanceof ScreeningError) {
    if (error.code === 'invalid_date' || error.code === 'invalid_option') throw new ApiError(400, 'invalid_request', error.message);
    throw new ApiError(404, error.code, error.message);
  }
  throw error;
}

export const registerScreenRoutes: RouteModule = (app, deps) => {
  app.openapi(screenTrialRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const { asOf, site } = c.req.valid('query');
    const record = await readRecord(c);
    try {
      return c.json(await screenTrial(deps.db, nctId, record, { asOf: asOf ?? today(), siteId: site }), 200);
    } catch (error) {
      translate(error);
    }
  });

  app.openapi(screenFormRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const { asOf, site } = c.req.valid('query');
    const bundle = bundleFromManualRecord(c.req.valid('json'));
    try {
      return c.json(await screenTrial(deps.db, nctId, bundle, { asOf: asOf ?? today(), siteId: site }), 200);
    } catch (error) {
      translate(error);
    }
  });

  app.openapi(catalogRoute, (c) =>
    c.json({
      analytes: ANALYTES.map((a) => ({ key: a.key, kind: a.kind, short: a.short, label: a.label, unit: a.unit, loinc: [...a.loinc] })),
      concepts: CONCEPTS.map((concept) => ({ id: concept.id, domain: concept.domain, label: concept.label })),
      scales: SCALES_TABLE.map((scale) => ({ id: scale.id, label: scale.label, grades: [...scale.grades] })),
    }, 200),
  );

  app.openapi(rankRoute, async (c) => {
    const { asOf, site, limit, detail } = c.req.valid('query');
    const record = await readRecord(c);
    try {
      return c.json(await rankOpenTrials(deps.db, record, { asOf: asOf ?? today(), siteId: site, limit, detail }), 200);
    } catch (error) {
      translate(error);
    }
  });

  app.openapi(rulesRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    try {
      const { ruleSet, source, parserVersion } = await storedRuleSetForScreening(deps.db, nctId);
      const versions = await ruleSetVersions(deps.db, nctId);
      return c.json({
        nctId,
        version: ruleSet.version,
        review: ruleSet.review,
        source,
        parserVersion,
        versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
        criteria: ruleSet.criteria.map((criterion) => ({ ...printCriterion(criterion), unparsed: criterion.unparsed ?? [], source: criterion.rule })),
      }, 200);
    } catch (error) {
      translate(error);
    }
  });

  app.openapi(questionnaireRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const { lang } = c.req.valid('query');
    try {
      return c.json(buildQuestionnaire(await ruleSetForScreening(deps.db, nctId), lang), 200);
    } catch (error) {
      translate(error);
    }
  });

  app.openapi(questionnaireVerdictRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const body = c.req.valid('json');
    try {
      return c.json(questionnaireVerdict(await ruleSetForScreening(deps.db, nctId), body.answers, { asOf: body.asOf ?? today(), lang: body.lang }), 200);
    } catch (error) {
      translate(error);
    }
  });

  app.openapi(sitesRoute, async (c) => c.json({ sites: await sitesWithRanges(deps.db) }, 200));

  app.openapi(ruleSetListRoute, async (c) => c.json(await listRuleSets(deps.db, c.req.valid('query')), 200));

  app.openapi(getSiteRangesRoute, async (c) => {
    const { siteId } = c.req.valid('param');
    const ranges = await siteRanges(deps.db, siteId);
    return c.json({ siteId, ranges: ranges.map(({ siteId: _site, ...range }) => range) }, 200);
  });

  app.openapi(putSiteRangesRoute, async (c) => {
    const { siteId } = c.req.valid('param');
    const body = c.req.valid('json');
    let ranges;
    try {
      ranges = validateSiteRanges(siteId, body.ranges);
    } catch (error) {
      if (error instanceof SiteRangeError) throw new ApiError(400, 'invalid_request', error.message, error.details);
      throw error;
    }
    await replaceSiteRanges(deps.db, siteId, ranges);
    const stored = await siteRanges(deps.db, siteId);
    return c.json({ siteId, ranges: stored.map(({ siteId: _site, ...range }) => range) }, 200);
  });
};
