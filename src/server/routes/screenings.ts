// The screening log and consent over HTTP: thin over the services (authorisation, validation and
// audit live there). Every path needs a signed-in actor (401 otherwise, before anything is read);
// a subject out of the actor's sight answers 404 exactly like one that does not exist.
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import type { ScreeningOutcome } from '../../conduct/model.ts';
import { errorResponse } from '../schemas/common.ts';
import {
  confirmationsBody, consentBody, consentParams, consentSchema, identitySafeHook, identitySchema, outcomeBody, page, screeningCountsSchema, screeningQuery, screeningSchema,
  startScreeningBody, studyParams, subjectParams, withdrawalBody,
} from '../schemas/subjects.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
export const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Your role does not allow this (or CSRF token missing)'), 404: errorResponse('No such study, site or subject — or not visible to you') };
const tags = ['screening'];

/** 401 for anonymous callers on every subject path, before validation or any read. */
export const signedIn: MiddlewareHandler = async (c, next) => {
  requireActor(c);
  await next();
};

export function requireSignedInOn(app: Parameters<RouteModule>[0], paths: string[]): void {
  for (const path of paths) app.use(path, signedIn);
}

const startRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/screenings', tags,
  summary: 'Screen a patient at a site: the study\'s rule set with the site\'s reference ranges; allocates the next subject number',
  request: { params: studyParams, body: json(startScreeningBody) },
  responses: { 201: ok('Screened and logged', screeningSchema), 400: errorResponse('Bad date, record, identity or factor (field named)'), ...denied, 409: errorResponse('Site not active'), 422: errorResponse('No rule set for the trial') },
});
const listRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/screenings', tags, summary: 'The screening log within your sites, newest first',
  request: { params: studyParams, query: screeningQuery },
  responses: { 200: ok('Screenings', page(screeningSchema, 'ScreeningPage')), 400: errorResponse('Bad filter'), ...denied },
});
const countsRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/screenings/counts', tags, summary: 'Screenings by site and outcome within your sites',
  request: { params: studyParams }, responses: { 200: ok('Counts', screeningCountsSchema), ...denied },
});
const getRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}', tags, summary: 'One screened subject (no identifying details)',
  request: { params: subjectParams }, responses: { 200: ok('Screening', screeningSchema), 400: errorResponse('Malformed subject number'), ...denied },
});
const confirmRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/confirmations', tags, summary: 'Answer the screening\'s points to confirm',
  request: { params: subjectParams, body: json(confirmationsBody) },
  responses: { 200: ok('Screening', screeningSchema), 400: errorResponse('Unknown criterion, bad answer or missing reason'), ...denied },
});
const outcomeRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/outcome', tags, summary: 'Set the outcome (pending, screen_failure, declined) with failure reasons',
  request: { params: subjectParams, body: json(outcomeBody) },
  responses: { 200: ok('Screening', screeningSchema), 400: errorResponse('Bad outcome, missing reasons'), ...denied, 409: errorResponse('Already enrolled') },
});
const identityRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/identity', tags, summary: 'Identifying details (staff of the subject\'s site only; not cached)',
  request: { params: subjectParams }, responses: { 200: ok('Identity', identitySchema), 400: errorResponse('Malformed subject number'), ...denied },
});
const consentsRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/subjects/{subjectNumber}/consents', tags: ['consent'], summary: 'The subject\'s consents, newest first',
  request: { params: subjectParams }, responses: { 200: ok('Consents', z.array(consentSchema)), 400: errorResponse('Malformed subject number'), ...denied },
});
const recordConsentRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/subjects/{subjectNumber}/consents', tags: ['consent'], summary: 'Record a consent (form version, date and time, who obtained it, signer)',
  request: { params: subjectParams, body: json(consentBody) },
  responses: { 201: ok('Recorded', consentSchema), 400: errorResponse('Date in the future, unknown form version, guardian details missing'), ...denied, 409: errorResponse('Form not in force when signed, or a later consent exists') },
});
const withdrawRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/consents/{consentId}/withdrawal', tags: ['consent'], summary: 'Record the withdrawal of a consent',
  request: { params: consentParams, body: json(withdrawalBody) },
  responses: { 200: ok('Withdrawn', consentSchema), 400: errorResponse('Date in the future or before signing; reason missing'), ...denied, 409: errorResponse('Already withdrawn') },
});

export const registerScreeningLogRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores);
  requireSignedInOn(app, ['/api/studies/:studyId/screenings', '/api/studies/:studyId/screenings/*', '/api/studies/:studyId/subjects/*', '/api/studies/:studyId/consents/*']);

  app.openapi(startRoute, async (c) => c.json(await services().screening.startScreening(requireActor(c), { studyId: c.req.valid('param').studyId, ...c.req.valid('json') } as never), 201), identitySafeHook);
  app.openapi(listRoute, async (c) => c.json(await services().screening.listScreenings(requireActor(c), { studyId: c.req.valid('param').studyId, ...c.req.valid('query') }), 200));
  app.openapi(countsRoute, async (c) => c.json(await services().screening.countScreenings(requireActor(c), c.req.valid('param').studyId), 200));
  app.openapi(getRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().screening.getScreening(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(confirmRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await services().screening.recordConfirmations(requireActor(c), studyId, subjectNumber, body.answers as never, body.reason), 200);
  });
  app.openapi(outcomeRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await services().screening.setOutcome(requireActor(c), studyId, subjectNumber, body.outcome as Exclude<ScreeningOutcome, 'enrolled'>, body.failureReasons, body.reason), 200);
  });
  app.openapi(identityRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    const identity = await services().screening.getIdentity(requireActor(c), studyId, subjectNumber);
    c.header('Cache-Control', 'no-store');
    return c.json(identity, 200);
  });
  app.openapi(consentsRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().consent.listConsents(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(recordConsentRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await services().consent.recordConsent(requireActor(c), { studyId, subjectNumber, ...c.req.valid('json') }), 201);
  }, identitySafeHook);
  app.openapi(withdrawRoute, async (c) => {
    const { studyId, consentId } = c.req.valid('param');
    const id = /^[1-9][0-9]{0,9}$/.test(consentId) ? Number(consentId) : 0;
    return c.json(await services().consent.withdrawConsent(requireActor(c), { studyId, consentId: id, ...c.req.valid('json') }), 200);
  });
};
