// Laboratory results, transfusions and bone-marrow examinations over HTTP, thin over the lab service;
// GET /api/edit-checks serves the edit-check table itself so other clients check as the server does.
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import { EDIT_CHECKS, EDIT_CHECK_SOURCE, EDIT_CHECK_TABLE_VERSION, ENTRY_UNITS, LAB_PANEL_ANALYTES } from '../../core/clinical/tables/edit-checks.ts';
import { errorResponse } from '../schemas/common.ts';
import {
  correctResultBody, correctTransfusionBody, editChecksSchema, fhirImportBody, fhirImportSchema, labListSchema, labQuery, labResultParams, labResultSchema, labResultsSchema,
  marrowListSchema, marrowSchema, recordMarrowBody, recordPanelBody, recordTransfusionBody, transfusionListSchema, transfusionParams, transfusionSchema,
} from '../schemas/follow-up-labs.ts';
import { subjectParams } from '../schemas/subjects.ts';
import { denied } from './screenings.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const tags = ['laboratory'];
const base = '/api/studies/{studyId}/subjects/{subjectNumber}';
const refusals = { 400: errorResponse('Bad date, unit, value or visit (field named: results.N.unit, collectedOn, …)'), ...denied, 409: errorResponse('Subject not enrolled (not_enrolled)'), 422: errorResponse('A hard edit check failed (edit_check_failed, field results.N.value); nothing stored') };

const recordRoute = createRoute({
  method: 'post', path: `${base}/labs`, tags, summary: 'Enter a panel of results (CBC, chemistry, coagulation) in any unit: converted, limits applied, CTCAE-graded, edit-checked',
  request: { params: subjectParams, body: json(recordPanelBody) }, responses: { 201: ok('Stored results with grades, limits and warnings', labResultsSchema), ...refusals },
});
const fhirRoute = createRoute({
  method: 'post', path: `${base}/labs/fhir`, tags, summary: 'Import FHIR Observations (Bundle, Observation or array); re-importing the same Observation changes nothing',
  request: { params: subjectParams, body: json(fhirImportBody) }, responses: { 200: ok('Imported, unchanged and skipped Observations', fhirImportSchema), ...refusals },
});
const listRoute = createRoute({
  method: 'get', path: `${base}/labs`, tags, summary: 'The subject\'s results by collection date', request: { params: subjectParams, query: labQuery },
  responses: { 200: ok('Results', labListSchema), 400: errorResponse('Unknown analyte or bad date'), ...denied },
});
const correctRoute = createRoute({
  method: 'patch', path: `${base}/labs/{labResultId}`, tags, summary: 'Correct one result with a reason (audited old → new); re-graded',
  request: { params: labResultParams, body: json(correctResultBody) }, responses: { 200: ok('The corrected result', labResultSchema), ...refusals },
});
const recordTransfusionRoute = createRoute({
  method: 'post', path: `${base}/transfusions`, tags, summary: 'Log a transfusion (RBC or platelets) with pre-transfusion Hb/platelets in any unit',
  request: { params: subjectParams, body: json(recordTransfusionBody) }, responses: { 201: ok('Logged', transfusionSchema), ...refusals },
});
const listTransfusionsRoute = createRoute({
  method: 'get', path: `${base}/transfusions`, tags, summary: 'The subject\'s transfusions by date', request: { params: subjectParams },
  responses: { 200: ok('Transfusions', transfusionListSchema), 400: errorResponse('Malformed subject number'), ...denied },
});
const correctTransfusionRoute = createRoute({
  method: 'patch', path: `${base}/transfusions/{transfusionId}`, tags, summary: 'Correct a transfusion with a reason (audited old → new)',
  request: { params: transfusionParams, body: json(correctTransfusionBody) }, responses: { 200: ok('The corrected transfusion', transfusionSchema), ...refusals },
});
const recordMarrowRoute = createRoute({
  method: 'post', path: `${base}/marrow-exams`, tags, summary: 'Record a bone-marrow examination (cellularity, residual haematopoietic cells, findings)',
  request: { params: subjectParams, body: json(recordMarrowBody) }, responses: { 201: ok('Recorded', marrowSchema), ...refusals },
});
const listMarrowRoute = createRoute({
  method: 'get', path: `${base}/marrow-exams`, tags, summary: 'The subject\'s marrow examinations by date', request: { params: subjectParams },
  responses: { 200: ok('Marrow examinations', marrowListSchema), 400: errorResponse('Malformed subject number'), ...denied },
});
const editChecksRoute = createRoute({
  method: 'get', path: '/api/edit-checks', tags, summary: 'The edit-check table (range, consistency, cross-visit; hard or soft) with the units each analyte is entered in',
  responses: { 200: ok('Edit checks', editChecksSchema) },
});

export const registerLabRoutes: RouteModule = (app, deps) => {
  const labs = () => conductServicesFor(deps.stores).labs;
  app.openapi(recordRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json({ results: await labs().recordPanel(requireActor(c), { studyId, subjectNumber, ...c.req.valid('json') }) } as never, 201);
  });
  app.openapi(fhirRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await labs().importFhir(requireActor(c), { studyId, subjectNumber, resources: c.req.valid('json') }) as never, 200);
  });
  app.openapi(listRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json({ items: await labs().listResults(requireActor(c), studyId, subjectNumber, c.req.valid('query')) } as never, 200);
  });
  app.openapi(correctRoute, async (c) => {
    const { studyId, subjectNumber, labResultId } = c.req.valid('param');
    return c.json(await labs().correctResult(requireActor(c), { studyId, subjectNumber, labResultId, ...c.req.valid('json') }) as never, 200);
  });
  app.openapi(recordTransfusionRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await labs().recordTransfusion(requireActor(c), { studyId, subjectNumber, ...c.req.valid('json') }), 201);
  });
  app.openapi(listTransfusionsRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json({ items: await labs().listTransfusions(requireActor(c), studyId, subjectNumber) }, 200);
  });
  app.openapi(correctTransfusionRoute, async (c) => {
    const { studyId, subjectNumber, transfusionId } = c.req.valid('param');
    return c.json(await labs().correctTransfusion(requireActor(c), { studyId, subjectNumber, transfusionId, ...c.req.valid('json') }), 200);
  });
  app.openapi(recordMarrowRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json(await labs().recordMarrowExam(requireActor(c), { studyId, subjectNumber, ...c.req.valid('json') }), 201);
  });
  app.openapi(listMarrowRoute, async (c) => {
    const { studyId, subjectNumber } = c.req.valid('param');
    return c.json({ items: await labs().listMarrowExams(requireActor(c), studyId, subjectNumber) }, 200);
  });
  app.openapi(editChecksRoute, (c) => c.json({ version: EDIT_CHECK_TABLE_VERSION, source: EDIT_CHECK_SOURCE, checks: EDIT_CHECKS, entryUnits: ENTRY_UNITS, panels: LAB_PANEL_ANALYTES } as never, 200));
};
