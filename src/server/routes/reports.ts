// A study's report over HTTP, thin over the report service: the figures within the signed-in user's
// sites (a coordinator's report is their site's), optionally one site.
import { createRoute } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import { errorResponse } from '../schemas/common.ts';
import { reportQuery, studyReportSchema } from '../schemas/reports.ts';
import { studyParams } from '../schemas/subjects.ts';
import { denied, requireSignedInOn } from './screenings.ts';
import type { RouteModule } from './index.ts';

const reportRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/report', tags: ['reports'],
  summary: 'The study report: CONSORT flow, enrollment by site, response by arm and time point with exact 95% intervals, adverse events by worst grade — within your sites',
  request: { params: studyParams, query: reportQuery },
  responses: { 200: { description: 'Report', content: { 'application/json': { schema: studyReportSchema } } }, 400: errorResponse('Malformed or unknown site code'), ...denied },
});

export const registerReportRoutes: RouteModule = (app, deps) => {
  requireSignedInOn(app, ['/api/studies/:studyId/report']);
  app.openapi(reportRoute, async (c) => {
    const { site } = c.req.valid('query');
    return c.json(await conductServicesFor(deps.stores).reports.studyReport(requireActor(c), c.req.valid('param').studyId, site !== undefined ? { siteCode: site } : {}), 200);
  });
};
