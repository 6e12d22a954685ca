// GET /api/trials (search) and GET /api/trials/{nctId} (one trial's API v2 record).
import { createRoute, z } from '@hono/zod-openapi';
import { EligoError, notFound, problem } from '../../core/problems.ts';
import { NCT_ID_EXPECTED, NCT_ID_PATTERN } from '../../core/trial/nct-id.ts';
import { INTERVENTION_TYPES, OVERALL_STATUSES, PHASES, STUDY_TYPES } from '../../core/trial/enums.ts';
import { parseSearchQuery, SEARCH_SORTS, DEFAULT_DISTANCE_KM, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../registry/search/query.ts';
import { errorBodySchema as errorSchema } from '../schemas/common.ts';
import type { RouteModule } from './index.ts';

const facetCount = z.object({ value: z.string(), count: z.number().int() }).openapi('FacetCount');

const trialHit = z
  .object({
    nctId: z.string(),
    briefTitle: z.string(),
    acronym: z.string().optional(),
    overallStatus: z.string().optional(),
    phases: z.array(z.string()),
    studyType: z.string().optional(),
    conditions: z.array(z.string()),
    interventions: z.array(z.object({ type: z.string(), name: z.string() })),
    leadSponsor: z.string().optional(),
    startDate: z.string().optional(),
    lastUpdate: z.string().optional(),
    enrollment: z.number().optional(),
    sex: z.string().optional(),
    minimumAge: z.string().optional(),
    maximumAge: z.string().optional(),
    locationCount: z.number().int(),
    nearestSite: z
      .object({ facility: z.string().optional(), city: z.string().optional(), country: z.string().optional(), distanceKm: z.number() })
      .optional(),
    snippet: z.string().optional().openapi({ description: 'Plain text; matched terms are wrapped in « and ».' }),
  })
  .openapi('TrialHit');

const searchResponse = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    sort: z.enum(SEARCH_SORTS),
    near: z.object({ label: z.string(), lat: z.number(), lon: z.number() }).optional(),
    results: z.array(trialHit),
    facets: z.object({
      status: z.array(facetCount),
      phase: z.array(facetCount),
      studyType: z.array(facetCount),
      sex: z.array(facetCount),
      interventionType: z.array(facetCount),
      country: z.array(facetCount),
      sponsor: z.array(facetCount),
    }),
  })
  .openapi('TrialSearchResponse');

const listOf = (values: readonly string[]) => `Comma-separated, any of: ${values.join(', ')}`;

// Documented as plain strings; the registry's own schema (shared with the CLI) validates them.
const searchParameters = z.object({
  q: z.string().optional().openapi({ description: 'Free text (English stemming; Chinese matched on names and place names); an NCT number ranks its trial first' }),
  status: z.string().optional().openapi({ description: listOf(OVERALL_STATUSES), example: 'RECRUITING,NOT_YET_RECRUITING' }),
  phase: z.string().optional().openapi({ description: listOf(PHASES) }),
  studyType: z.string().optional().openapi({ description: listOf(STUDY_TYPES) }),
  sex: z.string().optional().openapi({ description: 'FEMALE or MALE: trials open to that sex (ALL or that sex)' }),
  age: z.string().optional().openapi({ description: "A patient's age in years: trials whose age range includes it (a missing limit is open)" }),
  interventionType: z.string().optional().openapi({ description: listOf(INTERVENTION_TYPES) }),
  sponsor: z.string().optional().openapi({ description: 'Text in the lead sponsor or a collaborator' }),
  country: z.string().optional().openapi({ description: 'A country of a site (English or Chinese name, or ISO code)' }),
  city: z.string().optional().openapi({ description: 'A city of a site (English or Chinese name)' }),
  near: z.string().optional().openapi({ description: '"lat,lon" or a city name (English or Chinese), geocoded offline', example: 'Jinan' }),
  distance: z.string().optional().openapi({ description: `Kilometres from near (default ${DEFAULT_DISTANCE_KM})` }),
  sort: z.string().optional().openapi({ description: `${SEARCH_SORTS.join(', ')} (relevance when q is given, else lastUpdate)` }),
  page: z.string().optional().openapi({ description: 'From 1' }),
  pageSize: z.string().optional().openapi({ description: `1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` }),
});

const searchRoute = createRoute({
  method: 'get',
  path: '/api/trials',
  summary: 'Search the trial registry',
  request: { query: searchParameters.passthrough() },
  responses: {
    200: { description: 'A page of matching trials, with facet counts over all matches', content: { 'application/json': { schema: searchResponse } } },
    400: { description: 'A parameter is unknown or has a value that is not allowed', content: { 'application/json': { schema: errorSchema } } },
  },
});

const trialRoute = createRoute({
  method: 'get',
  path: '/api/trials/{nctId}',
  summary: "One trial's record (ClinicalTrials.gov API v2 study JSON)",
  request: { params: z.object({ nctId: z.string().openapi({ example: 'NCT05794425' }) }) },
  responses: {
    200: { description: 'The API v2 study object', content: { 'application/json': { schema: z.object({ protocolSection: z.record(z.string(), z.unknown()) }).passthrough().openapi('Study') } } },
    400: { description: 'Not an NCT number', content: { 'application/json': { schema: errorSchema } } },
    404: { description: 'No such trial in the registry', content: { 'application/json': { schema: errorSchema } } },
  },
});

export const registerTrialRoutes: RouteModule = (app, deps) => {
  app.openapi(searchRoute, async (c) => {
    const parsed = parseSearchQuery(c.req.query());
    if (!parsed.ok) throw new EligoError('invalid', 'invalid_request', parsed.message, parsed.problems.map((p) => problem({ code: 'invalid_request', ...p })));
    return c.json(await deps.stores.trials.search(parsed.query), 200);
  });

  app.openapi(trialRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const id = nctId.toUpperCase();
    if (!NCT_ID_PATTERN.test(id)) {
      throw EligoError.of('invalid', { code: 'invalid_request', field: 'nctId', value: nctId, expected: NCT_ID_EXPECTED });
    }
    const record = await deps.stores.trials.record(id);
    if (!record) throw notFound('trial in the registry', 'nctId', id);
    return c.json(record as { protocolSection: Record<string, unknown> }, 200);
  });
};
