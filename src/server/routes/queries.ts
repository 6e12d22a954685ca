// Data queries over HTTP, thin over the query service: raise, answer, close, re-open, comment, list,
// one with its history, counts. A query at a site the caller cannot see answers 404 like a missing one.
import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../auth/context.ts';
import { conductServicesFor } from '../../conduct/compose.ts';
import type { QueryFilter } from '../../conduct/queries/model.ts';
import { errorResponse } from '../schemas/common.ts';
import { queryCountsSchema, queryDetailSchema, queryFilterQuery, queryOptionalTextBody, queryPageSchema, queryParams, queryTextBody, raiseQueryBody } from '../schemas/queries.ts';
import { studyParams } from '../schemas/subjects.ts';
import { denied, requireSignedInOn } from './screenings.ts';
import type { RouteModule } from './index.ts';

const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const ok = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
const tags = ['queries'];
const stateConflict = { 409: errorResponse('Not allowed in the query\'s state (code query_state: the allowed actions are named)') };

const raiseRoute = createRoute({
  method: 'post', path: '/api/studies/{studyId}/queries', tags, summary: 'Raise a data query on a subject\'s record (monitors, data managers, sponsor admins)',
  request: { params: studyParams, body: json(raiseQueryBody) },
  responses: { 201: ok('Raised', queryDetailSchema), 400: errorResponse('Unknown record type, bad record id or field, missing text'), ...denied },
});
const listRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/queries', tags, summary: 'Queries within your sites: open first, oldest first',
  request: { params: studyParams, query: queryFilterQuery }, responses: { 200: ok('Queries', queryPageSchema), 400: errorResponse('Bad filter'), ...denied },
});
const countsRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/queries/counts', tags, summary: 'Queries per site and state within your sites',
  request: { params: studyParams }, responses: { 200: ok('Counts', queryCountsSchema), ...denied },
});
const getRoute = createRoute({
  method: 'get', path: '/api/studies/{studyId}/queries/{queryId}', tags, summary: 'One query with its history',
  request: { params: queryParams }, responses: { 200: ok('Query', queryDetailSchema), 400: errorResponse('Malformed query id'), ...denied },
});
const actionRoute = (action: 'answer' | 'close' | 'reopen' | 'comments', summary: string, body: typeof queryTextBody | typeof queryOptionalTextBody) =>
  createRoute({
    method: 'post', path: `/api/studies/{studyId}/queries/{queryId}/${action}`, tags, summary,
    request: { params: queryParams, body: json(body) },
    responses: { 200: ok('The query after the action', queryDetailSchema), 400: errorResponse('Missing text'), ...denied, ...stateConflict },
  });

export const registerQueryRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores);
  requireSignedInOn(app, ['/api/studies/:studyId/queries', '/api/studies/:studyId/queries/*']);

  app.openapi(raiseRoute, async (c) => c.json(await services().queries.raise(requireActor(c), { studyId: c.req.valid('param').studyId, ...c.req.valid('json') }), 201));
  app.openapi(listRoute, async (c) => c.json(await services().queries.list(requireActor(c), { studyId: c.req.valid('param').studyId, ...(c.req.valid('query') as Omit<QueryFilter, 'studyId'>) }), 200));
  app.openapi(countsRoute, async (c) => c.json(await services().queries.counts(requireActor(c), c.req.valid('param').studyId), 200));
  app.openapi(getRoute, async (c) => {
    const { studyId, queryId } = c.req.valid('param');
    return c.json(await services().queries.get(requireActor(c), studyId, queryId), 200);
  });
  const actions = [
    ['answer', 'Answer a query (site staff of the subject\'s site)', queryTextBody, 'answer'],
    ['close', 'Close a query (monitors, data managers)', queryOptionalTextBody, 'close'],
    ['reopen', 'Re-open an answered or closed query, saying why', queryTextBody, 'reopen'],
    ['comments', 'Comment on an open or answered query', queryTextBody, 'comment'],
  ] as const;
  for (const [path, summary, body, method] of actions) {
    app.openapi(actionRoute(path, summary, body), async (c) => {
      const { studyId, queryId } = c.req.valid('param');
      return c.json(await services().queries[method](requireActor(c), { studyId, queryId, text: (c.req.valid('json') as { text?: string }).text }), 200);
    });
  }
};
