// Studies and their sites, as the signed-in user may see them. Anonymous → 401; a study or site the
// user has no grant for answers 404 exactly like one that does not exist.
import { createRoute, z } from '@hono/zod-openapi';
import { conductServicesFor } from '../../conduct/compose.ts';
import { requireActor } from '../auth/context.ts';
import { errorResponse } from '../schemas/common.ts';
import { siteViewSchema, studyDetailSchema, studyIdParam, studySiteParams, studySummarySchema } from '../schemas/studies.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const signedIn = { 401: errorResponse('Not signed in') };

const listStudiesRoute = createRoute({
  method: 'get',
  path: '/api/studies',
  tags: ['studies'],
  summary: 'The studies you have a grant in (an empty list without grants)',
  responses: { 200: json('Studies', z.array(studySummarySchema)), ...signedIn },
});

const getStudyRoute = createRoute({
  method: 'get',
  path: '/api/studies/{studyId}',
  tags: ['studies'],
  summary: 'One study with its current protocol settings (arms, strata, visits, dosing, response scheme, CTCAE version, consent forms)',
  request: { params: studyIdParam },
  responses: { 200: json('Study', studyDetailSchema), 400: errorResponse('Malformed study id'), ...signedIn, 404: errorResponse('No such study, or none you can see') },
});

const listSitesRoute = createRoute({
  method: 'get',
  path: '/api/studies/{studyId}/sites',
  tags: ['studies'],
  summary: "The study's sites you can see, by site code",
  request: { params: studyIdParam },
  responses: { 200: json('Sites', z.array(siteViewSchema)), 400: errorResponse('Malformed study id'), ...signedIn, 404: errorResponse('No such study, or none you can see') },
});

const getSiteRoute = createRoute({
  method: 'get',
  path: '/api/studies/{studyId}/sites/{siteCode}',
  tags: ['studies'],
  summary: 'One site of a study',
  request: { params: studySiteParams },
  responses: { 200: json('Site', siteViewSchema), 400: errorResponse('Malformed study id or site code'), ...signedIn, 404: errorResponse('No such study or site, or none you can see') },
});

export const registerStudyRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores);
  app.openapi(listStudiesRoute, async (c) => c.json(await services().studies.listStudies(requireActor(c)), 200));
  app.openapi(getStudyRoute, async (c) => c.json(await services().studies.getStudy(requireActor(c), c.req.valid('param').studyId), 200));
  app.openapi(listSitesRoute, async (c) => c.json(await services().studies.listSites(requireActor(c), c.req.valid('param').studyId), 200));
  app.openapi(getSiteRoute, async (c) => {
    const { studyId, siteCode } = c.req.valid('param');
    return c.json(await services().studies.getSite(requireActor(c), studyId, siteCode), 200);
  });
};
