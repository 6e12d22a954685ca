// Screening over HTTP: one FHIR record (or a hand-entered record) against a trial, one record against
// every open trial, and the clinical tables the forms and rule editors read. Patient data arrive in
// request bodies only — never in URLs — and are never logged.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ANALYTES } from '../../core/clinical/tables/analytes.ts';
import { CONCEPTS } from '../../core/clinical/tables/conditions.ts';
import { SCALES_TABLE } from '../../core/clinical/tables/scales.ts';
import { bundleFromManualRecord, manualRecordSchema } from '../../core/patient/manual.ts';
import { rankOpenTrials, screenTrial } from '../../eligibility/screen.ts';
import { DEFAULT_RANKING_LIMIT, MAX_RANKING_LIMIT, RANKING_DETAILS } from '../../eligibility/screening.ts';
import { SITE_ID_PATTERN } from '../../eligibility/site-ranges.ts';
import { errorResponse, isoDate, nctIdParam, today } from '../schemas/common.ts';
import { rankingSchema, screeningResultSchema } from '../schemas/screening.ts';
import { requireRecognisedForm } from './form-body.ts';
import type { RouteModule } from './index.ts';

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

const rankQuery = screenQuery.extend({
  limit: z.coerce.number().int().min(1).max(MAX_RANKING_LIMIT).default(DEFAULT_RANKING_LIMIT).openapi({ param: { name: 'limit', in: 'query' }, description: `How many ranked trials to return, 1–${MAX_RANKING_LIMIT} (default ${DEFAULT_RANKING_LIMIT}); total and verdicts count every trial` }),
  detail: z.enum(RANKING_DETAILS).default('summary').openapi({ param: { name: 'detail', in: 'query' }, description: "summary (default): counts, missing data and confirm count per trial; full: each trial's criteria with reasons and evidence too" }),
});

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
  request: { params: nctIdParam, query: screenQuery, body: { required: true, content: { 'application/json': { schema: manualRecordSchema } } } },
  responses: {
    200: { description: 'Criterion-by-criterion result', content: { 'application/json': { schema: screeningResultSchema } } },
    400: errorResponse('A field of the record is invalid, or the body has none of its fields (the details name them)'),
    404: errorResponse('Trial not in the registry, or it has no rule set'),
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

/** The record as text; the body limit (src/server/limits.ts) has already refused one over 10 MB. */
function readRecord(c: Context): Promise<string> {
  return c.req.text();
}

export const registerScreeningRoutes: RouteModule = (app, deps) => {
  app.openapi(screenTrialRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const { asOf, site } = c.req.valid('query');
    return c.json(await screenTrial(deps.stores, nctId, await readRecord(c), { asOf: asOf ?? today(), siteId: site }), 200);
  });

  app.openapi(screenFormRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const { asOf, site } = c.req.valid('query');
    const form = c.req.valid('json');
    requireRecognisedForm(await c.req.json());
    return c.json(await screenTrial(deps.stores, nctId, bundleFromManualRecord(form), { asOf: asOf ?? today(), siteId: site }), 200);
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
    return c.json(await rankOpenTrials(deps.stores, await readRecord(c), { asOf: asOf ?? today(), siteId: site, limit, detail }), 200);
  });
};
