// Disease assessments and the subject timeline over HTTP, thin over the assessment service: list,
// preview, record, the timeline, and the study's response summary. A subject at a site the caller
// cannot see answers 404 like a missing one.
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import { errorResponse } from '../schemas/common.ts';
import { assessmentPreviewQuery, assessmentPreviewSchema, assessmentSchema, recordAssessmentBody, responseSummarySchema, timelineSchema } from '../schemas/assessments.ts';
import { studyParams, subjectParams } from '../schemas/subjects.ts';
import { denied, requireSignedInOn } from './screenings.ts';
import type { RouteModule } from './index.ts';

const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const tags = ['assessments'];
const refused = {
  400: errorResponse('Bad time point or date (before enrollment, in the future), missing reason for a replacement'),
  409: errorResponse('The subject is not enrolled (code not_enrolled)'),
  422: errorResponse('The study\'s response scheme is not a known one (code unknown_response_scheme)'),
};

const listRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/assessments', tags, summary: 'The subject\'s recorded disease assessments',
  request: { params: subjectParams }, responses: { 200: ok('Assessments', z.array(assessmentSchema)), ...denied },
});
const previewRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/assessments/preview', tags, summary: 'Severity and response derived at a time point and date, not saved',
  request: { params: subjectParams, query: assessmentPreviewQuery }, responses: { 200: ok('Derived assessment', assessmentPreviewSchema), ...refused, ...denied },
});
const recordRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/assessments', tags, summary: 'Derive and record the assessment of a time point (investigators, coordinators)',
  request: { params: subjectParams, body: { required: true, content: { 'application/json': { schema: recordAssessmentBody } } } },
  responses: { 201: ok('Recorded', assessmentSchema), ...refused, ...denied },
});
const timelineRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/timeline', tags, summary: 'Counts, transfusions, doses, adverse events, visits, current severity and latest response',
  request: { params: subjectParams }, responses: { 200: ok('Timeline', timelineSchema), 409: refused[409], ...denied },
});
const summaryRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/responses', tags, summary: 'Responses per arm (when you may see arms) and time point within your sites',
  request: { params: studyParams }, responses: { 200: ok('Summary', responseSummarySchema), ...denied },
});

export const registerAssessmentRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores).assessments;
  requireSignedInOn(app, ['/api/studies/:studyId/subjects/:subjectNumber/assessments', '/api/studies/:studyId/subjects/:subjectNumber/assessments/*', '/api/studies/:studyId/subjects/:subjectNumber/timeline', '/api/studies/:studyId/responses']);

  app.openapi(listRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().list(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(previewRoute, async (c) => c.json(await services().preview(requireActor(c), { ...c.req.valid('param'), timePoint: c.req.valid('query').timePoint as string, assessedOn: c.req.valid('query').assessedOn as string }), 200));
  app.openapi(recordRoute, async (c) => c.json(await services().record(requireActor(c), { ...c.req.valid('param'), ...c.req.valid('json') }), 201));
  app.openapi(timelineRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().timeline(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(summaryRoute, async (c) => c.json(await services().responseSummary(requireActor(c), c.req.valid('param').studyId), 200));
};
