// Visit calendars, visit records and the coordinator's list of visits needing attention over HTTP,
// thin over the visit service.
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import type { RecordVisitInput } from '../../conduct/visits/model.ts';
import { errorResponse } from '../schemas/common.ts';
import { attentionQuery, attentionSchema, calendarSchema, recordedVisitSchema, recordVisitBody, studyParams, subjectParams, unscheduledBody, visitParams } from '../schemas/follow-up-visits.ts';
import { denied, requireSignedInOn } from './screenings.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const tags = ['visits'];
const notEnrolled = { 409: errorResponse('The subject is not enrolled (code not_enrolled)') };

const calendarRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/visits', tags,
  summary: "The subject's visit calendar on today: day 0 (first dose, else enrollment), each visit's target, window and status; unscheduled visits",
  request: { params: subjectParams }, responses: { 200: ok('Calendar', calendarSchema), 400: errorResponse('Malformed subject number'), ...denied, ...notEnrolled },
});
const recordRoute = createRoute({
  method: 'put', path: '/api/studies/{studyId}/subjects/{subjectNumber}/visits/{visitCode}', tags,
  summary: 'Record a visit as done (visitDate) or not done (reason); changing a recorded visit needs changeReason. Out-of-window dates are stored with a warning',
  request: { params: visitParams, body: json(recordVisitBody) },
  responses: { 200: ok('Recorded', recordedVisitSchema), 400: errorResponse('Unknown visit code, bad or future date, date before enrollment/screening, reason or changeReason missing'), ...denied, ...notEnrolled },
});
const unscheduledRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/visits', tags,
  summary: 'Record an unscheduled visit (numbered UNS_1, UNS_2, …)',
  request: { params: subjectParams, body: json(unscheduledBody) },
  responses: { 201: ok('Recorded', recordedVisitSchema), 400: errorResponse('Bad or future date, date before enrollment'), ...denied, ...notEnrolled },
});
const attentionRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/visits/attention', tags,
  summary: 'Visits overdue, due within 7 days or done out of window, across your sites (or one), by target date',
  request: { params: studyParams, query: attentionQuery }, responses: { 200: ok('Visits', attentionSchema), ...denied },
});

export const registerVisitRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores);
  requireSignedInOn(app, ['/api/studies/:studyId/visits/*']);

  app.openapi(calendarRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().visits.calendar(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(recordRoute, async (c) => {
    const { studyId, subjectNumber, visitCode } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await services().visits.recordVisit(requireActor(c), { studyId, subjectNumber, visitCode, ...body, status: body.status as RecordVisitInput['status'] }), 200);
  });
  app.openapi(unscheduledRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().visits.recordUnscheduled(requireActor(c), { studyId, subjectNumber, ...c.req.valid('json') }), 201);
  });
  app.openapi(attentionRoute, async (c) => c.json(await services().visits.attention(requireActor(c), c.req.valid('param').studyId, c.req.valid('query')), 200));
};
