// Sites' reference ranges (limits of normal) over HTTP: list the sites, read one site's ranges, and
// replace them whole (validated; all or nothing, in one transaction).
import { createRoute, z } from '@hono/zod-openapi';
import type { SiteReferenceRange } from '../../core/patient/limits.ts';
import { validateSiteRanges } from '../../eligibility/site-ranges.ts';
import { errorResponse, siteParam } from '../schemas/common.ts';
import type { RouteModule } from './index.ts';

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
const siteRangesBody = z.object({ ranges: z.array(z.unknown()) }).openapi('SiteReferenceRangesInput');
const siteRangesResponse = z.object({ siteId: z.string(), ranges: z.array(siteRangeSchema) }).openapi('SiteReferenceRanges');

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

const withoutSite = (ranges: readonly SiteReferenceRange[]) => ranges.map(({ siteId: _site, ...range }) => range);

export const registerSiteRoutes: RouteModule = (app, deps) => {
  app.openapi(sitesRoute, async (c) => c.json({ sites: await deps.stores.siteRanges.sites() }, 200));

  app.openapi(getSiteRangesRoute, async (c) => {
    const { siteId } = c.req.valid('param');
    return c.json({ siteId, ranges: withoutSite(await deps.stores.siteRanges.list(siteId)) }, 200);
  });

  app.openapi(putSiteRangesRoute, async (c) => {
    const { siteId } = c.req.valid('param');
    const ranges = validateSiteRanges(siteId, c.req.valid('json').ranges);
    await deps.stores.siteRanges.replace(siteId, ranges);
    return c.json({ siteId, ranges: withoutSite(await deps.stores.siteRanges.list(siteId)) }, 200);
  });
};
