// A study's audit trail within the signed-in user's audit.read scope: a page of entries (newest
// first), or the same entries as a JSON Lines or CSV download (oldest first). The download's file
// name carries the study id and the date only, never a filter value.
import { createRoute, z } from '@hono/zod-openapi';
import { conductServicesFor } from '../../conduct/compose.ts';
import { AUDIT_LIMIT } from '../../conduct/audit/service.ts';
import type { AuditFilter } from '../../conduct/model.ts';
import { requireActor } from '../auth/context.ts';
import { errorResponse, today } from '../schemas/common.ts';
import { auditEntrySchema, pageOf, siteCodeSchema, studyIdParam } from '../schemas/studies.ts';
import type { RouteModule } from './index.ts';

const q = (name: string, description: string) => ({ param: { name, in: 'query' as const }, description });
const filterQuery = {
  siteCode: siteCodeSchema.optional().openapi(q('siteCode', 'One site within your scope')),
  from: z.string().max(40).optional().openapi(q('from', 'Date YYYY-MM-DD (UTC day) or ISO date-time with time zone; inclusive')),
  to: z.string().max(40).optional().openapi(q('to', 'Date (to the end of that UTC day) or ISO date-time; inclusive')),
  username: z.string().max(200).optional().openapi(q('username', 'Who made the change (case-insensitive)')),
  recordType: z.string().max(200).optional().openapi(q('recordType', 'study, study_protocol, site, account_grant, screening, consent, enrollment, …')),
  recordId: z.string().max(200).optional().openapi(q('recordId', 'One record, e.g. NCT05794425/JN02')),
};

const denied = { 400: errorResponse('Malformed filter (the field is named)'), 401: errorResponse('Not signed in'), 403: errorResponse('Your role does not include reading the audit trail'), 404: errorResponse('No such study or site, or none you can see') };

const listAuditRoute = createRoute({
  method: 'get',
  path: '/api/studies/{studyId}/audit',
  tags: ['audit'],
  summary: "The study's audit trail within your scope, newest first: who, when, what (old → new) and why",
  request: {
    params: studyIdParam,
    query: z.object({
      ...filterQuery,
      limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT.max).optional().openapi(q('limit', `1–${AUDIT_LIMIT.max}, default ${AUDIT_LIMIT.default}`)),
      offset: z.coerce.number().int().min(0).optional().openapi(q('offset', 'Entries to skip')),
    }),
  },
  responses: { 200: { description: 'A page of entries', content: { 'application/json': { schema: pageOf(auditEntrySchema, 'AuditPage') } } }, ...denied },
});

const exportAuditRoute = createRoute({
  method: 'get',
  path: '/api/studies/{studyId}/audit/export',
  tags: ['audit'],
  summary: 'The same entries as a download, oldest first: JSON Lines (one entry a line) or CSV with a header; each entry also carries seq and prevHash',
  request: { params: studyIdParam, query: z.object({ ...filterQuery, format: z.enum(['jsonl', 'csv']).default('jsonl').openapi(q('format', 'jsonl (default) or csv')) }) },
  responses: {
    200: { description: 'The entries', content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() } } },
    ...denied,
  },
});

function filterOf(studyId: string, query: Record<string, unknown>): AuditFilter {
  const filter: AuditFilter = { studyId };
  for (const key of ['siteCode', 'from', 'to', 'username', 'recordType', 'recordId', 'limit', 'offset'] as const) {
    if (query[key] !== undefined) (filter as unknown as Record<string, unknown>)[key] = query[key];
  }
  return filter;
}

export const registerAuditRoutes: RouteModule = (app, deps) => {
  const services = () => conductServicesFor(deps.stores);

  app.openapi(listAuditRoute, async (c) => c.json(await services().audit.listAudit(requireActor(c), filterOf(c.req.valid('param').studyId, c.req.valid('query'))), 200));

  app.openapi(exportAuditRoute, async (c) => {
    const { studyId } = c.req.valid('param');
    const { format, ...query } = c.req.valid('query');
    const { limit: _limit, offset: _offset, ...filter } = filterOf(studyId, query);
    // Authorisation and the filter are checked here, and the first chunk read, before the response starts.
    const chunks = services().audit.exportAudit(requireActor(c), filter, format)[Symbol.asyncIterator]();
    const first = await chunks.next();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(encoder.encode(first.value));
      },
      async pull(controller) {
        if (first.done) return;
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return?.();
      },
    });
    const filename = `audit-${studyId}-${today()}.${format}`;
    return c.body(body, 200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
  });
};
