// Adverse events and expedited safety reporting over HTTP, thin over the safety service: a subject's
// events (record, list, read, correct with a reason, record a report), the study's serious events with
// their deadlines and the lab shift tables, and the pure CTCAE grade preview the entry form calls.
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import type { AdverseEventFieldsInput, ReportInput } from '../../conduct/safety/model.ts';
import { previewGrade } from '../../conduct/safety/service.ts';
import { CTCAE_V5_TERMS } from '../../core/clinical/tables/ctcae-v5-terms.ts';
import type { AdverseEventGradeInput } from '../../core/study/adverse-event-grade.ts';
import { errorResponse } from '../schemas/common.ts';
import {
  adverseEventBody, adverseEventParams, adverseEventSchema, correctAdverseEventBody, gradeBody, gradeSchema, reportBody, seriousEventSchema, seriousQuery, shiftsQuery, shiftsSchema,
  studyParams, subjectParams, termsSchema,
} from '../schemas/adverse-events.ts';
import { denied, requireSignedInOn } from './screenings.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const tags = ['safety'];
const base = '/api/studies/{studyId}/subjects/{subjectNumber}/adverse-events';
const bad = errorResponse('Unknown CTCAE term, dates out of order or before enrollment, seriousness without criteria, causality missing for a product, unknown code, grade missing or not the computed one');

const recordRoute = createRoute({
  method: 'post', path: base, tags, summary: 'Record an adverse event; a lab term is graded from the stored result against the baseline (CTCAE v5.0)',
  request: { params: subjectParams, body: json(adverseEventBody) },
  responses: { 201: ok('Recorded', adverseEventSchema), 400: bad, ...denied, 409: errorResponse('Not enrolled, or a baseline cytopenia no worse than baseline (code baseline_shift: reported as a shift)') },
});
const listRoute = createRoute({ method: 'get', path: base, tags, summary: "The subject's adverse events by onset", request: { params: subjectParams }, responses: { 200: ok('Adverse events', z.array(adverseEventSchema)), ...denied } });
const getRoute = createRoute({ method: 'get', path: `${base}/{aeNumber}`, tags, summary: 'One adverse event with its reports due', request: { params: adverseEventParams }, responses: { 200: ok('Adverse event', adverseEventSchema), ...denied } });
const correctRoute = createRoute({
  method: 'patch', path: `${base}/{aeNumber}`, tags, summary: 'Correct an adverse event (reason required; audited; causality changes need an investigator)',
  request: { params: adverseEventParams, body: json(correctAdverseEventBody) }, responses: { 200: ok('Corrected', adverseEventSchema), 400: bad, ...denied, 409: errorResponse('baseline_shift, not_enrolled') },
});
const reportRoute = createRoute({
  method: 'post', path: `${base}/{aeNumber}/report`, tags, summary: "Record a report sent: the site's to the sponsor, or the sponsor's to the authority (with expectedness)",
  request: { params: adverseEventParams, body: json(reportBody) }, responses: { 200: ok('Reported', adverseEventSchema), 400: errorResponse('Unknown recipient, bad date-time'), ...denied, 409: errorResponse('Not a serious event') },
});
const seriousRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/safety/serious-events', tags, summary: 'Serious adverse events with their expedited-report deadlines (§9), most urgent first, within your sites',
  request: { params: studyParams, query: seriousQuery }, responses: { 200: ok('Serious events', z.array(seriousEventSchema)), 400: errorResponse('Unknown site'), ...denied },
});
const shiftsRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/safety/shifts', tags, summary: 'Lab shift tables: subjects by baseline CTCAE grade × worst post-baseline grade (§4d)',
  request: { params: studyParams, query: shiftsQuery }, responses: { 200: ok('Shift tables', shiftsSchema), 400: errorResponse('Unknown site'), ...denied },
});
const gradeRoute = createRoute({
  method: 'post', path: '/api/adverse-events/grade', tags, summary: 'The CTCAE v5.0 grade of a term: computed from a lab value, suggested from findings, or the grade texts',
  request: { body: json(gradeBody) }, responses: { 200: ok('Grade', gradeSchema), 400: errorResponse('Malformed body'), 401: errorResponse('Not signed in') },
});
const termsRoute = createRoute({ method: 'get', path: '/api/adverse-events/terms', tags, summary: 'The CTCAE v5.0 terms an adverse event can be recorded under, in English and Chinese', responses: { 200: ok('Terms', termsSchema), 401: errorResponse('Not signed in') } });

export const registerAdverseEventRoutes: RouteModule = (app, deps) => {
  const safety = () => conductServicesFor(deps.stores).safety;
  requireSignedInOn(app, ['/api/adverse-events/*', '/api/studies/:studyId/safety/*']);
  app.openapi(recordRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await safety().recordAdverseEvent(requireActor(c), { studyId, subjectNumber, ...(c.req.valid('json') as AdverseEventFieldsInput) }), 201);
  });
  app.openapi(listRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await safety().listAdverseEvents(requireActor(c), studyId, subjectNumber), 200);
  });
  app.openapi(getRoute, async (c) => {
    const { studyId, subjectNumber, aeNumber } = c.req.valid('param');
    return c.json(await safety().getAdverseEvent(requireActor(c), studyId, subjectNumber, aeNumber), 200);
  });
  app.openapi(correctRoute, async (c) => {
    const { studyId, subjectNumber, aeNumber } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await safety().correctAdverseEvent(requireActor(c), { studyId, subjectNumber, aeNumber, changes: body.changes as Partial<AdverseEventFieldsInput>, reason: body.reason }), 200);
  });
  app.openapi(reportRoute, async (c) => {
    const { studyId, subjectNumber, aeNumber } = c.req.valid('param');
    return c.json(await safety().recordReport(requireActor(c), { studyId, subjectNumber, aeNumber, ...(c.req.valid('json') as Omit<ReportInput, 'studyId' | 'subjectNumber' | 'aeNumber'>) }), 200);
  });
  app.openapi(seriousRoute, async (c) => {
    const { site, status } = c.req.valid('query');
    return c.json(await safety().seriousEvents(requireActor(c), c.req.valid('param').studyId, { ...(site ? { siteCode: site } : {}), ...(status ? { status } : {}) }), 200);
  });
  app.openapi(shiftsRoute, async (c) => {
    const { site } = c.req.valid('query');
    return c.json(await safety().shifts(requireActor(c), c.req.valid('param').studyId, site ? { siteCode: site } : {}), 200);
  });
  app.openapi(gradeRoute, async (c) => {
    requireActor(c);
    return c.json(previewGrade(c.req.valid('json') as AdverseEventGradeInput) as never, 200);
  });
  app.openapi(termsRoute, async (c) => {
    requireActor(c);
    return c.json(CTCAE_V5_TERMS.map((t) => ({ term: t.term, termZh: t.termZh, lab: t.kind === 'lab', grades: t.grades.map((g) => ({ grade: g.grade, text: g.text, ...(g.textZh ? { textZh: g.textZh } : {}) })) })), 200);
  });
};
