// Treatment administrations over HTTP, thin over the treatment service: record (dose checked against
// the protocol, warnings in the response), list, correct with a reason.
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import type { AdministrationChanges, AdministrationInput } from '../../conduct/treatment/model.ts';
import { errorResponse } from '../schemas/common.ts';
import { administrationBody, administrationParams, administrationSchema, correctAdministrationBody, subjectParams } from '../schemas/follow-up-visits.ts';
import { denied } from './screenings.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const tags = ['treatment'];
const bad = errorResponse('givenAt malformed, in the future or before enrollment; dose ≤ 0 or not a number; unknown product, route, unit, visit or detail; implausible weight');

const recordRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/administrations', tags,
  summary: "Record an administration; the protocol's dosing rule checks the dose (out of range: stored with a warning)",
  request: { params: subjectParams, body: json(administrationBody) },
  responses: { 201: ok('Recorded', administrationSchema), 400: bad, ...denied, 409: errorResponse('The subject is not enrolled (code not_enrolled)') },
});
const listRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/administrations', tags, summary: "The subject's administrations, in the order given",
  request: { params: subjectParams }, responses: { 200: ok('Administrations', z.array(administrationSchema)), 400: errorResponse('Malformed subject number'), ...denied },
});
const correctRoute = createRoute({
  method: 'patch', path: '/api/studies/{studyId}/subjects/{subjectNumber}/administrations/{administrationId}', tags,
  summary: 'Correct an administration (reason required; audited old → new; the dose is checked again)',
  request: { params: administrationParams, body: json(correctAdministrationBody) },
  responses: { 200: ok('Corrected', administrationSchema), 400: bad, ...denied, 409: errorResponse('The subject is not enrolled') },
});

export const registerTreatmentRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores);
  app.openapi(recordRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().treatment.recordAdministration(requireActor(c), { studyId, subjectNumber, ...(c.req.valid('json') as Omit<AdministrationInput, 'studyId' | 'subjectNumber'>) }), 201);
  });
  app.openapi(listRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().treatment.listAdministrations(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(correctRoute, async (c) => {
    const { studyId, subjectNumber, administrationId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await services().treatment.correctAdministration(requireActor(c), { studyId, subjectNumber, administrationId, changes: body.changes as AdministrationChanges, reason: body.reason }), 200);
  });
};
