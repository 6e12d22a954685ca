// Enrollment, randomization and emergency unblinding over HTTP, thin over the enrollment service. The
// response never carries the slot, the block or the sequence; in a blinded study the arm is null for
// those without the allocation right.
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import { errorResponse } from '../schemas/common.ts';
import { enrollBody, enrollmentCountsSchema, enrollmentQuery, enrollmentSchema, page, studyParams, subjectParams, unblindBody, unblindingSchema } from '../schemas/subjects.ts';
import { denied, requireSignedInOn } from './screenings.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const tags = ['enrollment'];

const enrollRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/enrollment', tags,
  summary: 'Enroll and randomize (stratified permuted blocks, concealed), or assign the one arm / the investigator\'s group; final',
  request: { params: subjectParams, body: json(enrollBody) },
  responses: {
    201: ok('Enrolled', enrollmentSchema), 400: errorResponse('Malformed subject number, arm not allowed, override reason missing'), ...denied,
    409: errorResponse('Already randomized (code already_randomized)'), 422: errorResponse('No valid consent (consent_missing), outdated consent form (consent_outdated), ineligible without override (screening_ineligible), stratum factor missing (stratum_missing)'),
  },
});
const getRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/enrollment', tags, summary: 'The subject\'s enrollment',
  request: { params: subjectParams }, responses: { 200: ok('Enrollment', enrollmentSchema), 400: errorResponse('Malformed subject number'), ...denied },
});
const listRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/enrollments', tags, summary: 'Enrollments within your sites, newest first',
  request: { params: studyParams, query: enrollmentQuery }, responses: { 200: ok('Enrollments', page(enrollmentSchema, 'EnrollmentPage')), 400: errorResponse('Bad limit or offset'), ...denied },
});
const countsRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/enrollments/counts', tags, summary: 'Enrollments per site and month (UTC) within your sites',
  request: { params: studyParams }, responses: { 200: ok('Counts', enrollmentCountsSchema), ...denied },
});
const unblindRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/unblinding', tags, summary: 'Emergency unblinding of a blinded study (audited, with the reason)',
  request: { params: subjectParams, body: json(unblindBody) },
  responses: { 201: ok('Unblinded', unblindingSchema), 400: errorResponse('Reason missing'), ...denied, 409: errorResponse('Open label: nothing to unblind (not_blinded), or not enrolled') },
});

export const registerEnrollmentRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores);
  requireSignedInOn(app, ['/api/studies/:studyId/enrollments', '/api/studies/:studyId/enrollments/*']);

  app.openapi(enrollRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().enrollment.enroll(requireActor(c), { studyId, subjectNumber, ...c.req.valid('json') }), 201);
  });
  app.openapi(getRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().enrollment.getEnrollment(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(listRoute, async (c) => c.json(await services().enrollment.listEnrollments(requireActor(c), c.req.valid('param').studyId, c.req.valid('query')), 200));
  app.openapi(countsRoute, async (c) => c.json(await services().enrollment.enrollmentCounts(requireActor(c), c.req.valid('param').studyId), 200));
  app.openapi(unblindRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().enrollment.unblind(requireActor(c), { studyId, subjectNumber, reason: c.req.valid('json').reason }), 201);
  });
};
