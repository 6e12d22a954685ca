// Request and response schemas of the data-query routes (src/server/routes/queries.ts).
import { z } from '@hono/zod-openapi';
import { QUERY_ACTIONS, QUERY_STATES, QUERYABLE_RECORDS } from '../../core/study/query-workflow.ts';
import { studyParams } from './subjects.ts';

export const queryParams = studyParams.extend({ queryId: z.string().openapi({ param: { name: 'queryId', in: 'path' }, example: '3' }) });

export const raiseQueryBody = z
  .object({
    subjectNumber: z.string().openapi({ example: 'TA01-001' }),
    recordType: z.string().openapi({ description: `One of ${QUERYABLE_RECORDS.join(', ')}` }),
    recordId: z.number().int().optional().openapi({ description: 'The record queried (optional for the subject\'s screening)' }),
    field: z.string().optional().openapi({ description: 'The field of the record, e.g. "value"' }),
    text: z.string().openapi({ description: 'What needs clarifying' }),
  })
  .strict()
  .openapi('RaiseQuery');

export const queryTextBody = z.object({ text: z.string() }).strict().openapi('QueryText');
export const queryOptionalTextBody = z.object({ text: z.string().optional() }).strict().openapi('QueryOptionalText');

export const queryFilterQuery = z.object({
  state: z.string().optional().openapi({ description: QUERY_STATES.join(', ') }),
  siteCode: z.string().optional(),
  subjectNumber: z.string().optional(),
  recordType: z.string().optional(),
  origin: z.string().optional().openapi({ description: 'manual or edit_check' }),
  minAgeDays: z.coerce.number().int().min(0).optional().openapi({ description: 'Only queries at least this many days old' }),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const queryFields = {
  id: z.number().int(),
  studyId: z.string(),
  siteCode: z.string(),
  subjectNumber: z.string(),
  recordType: z.string(),
  recordId: z.number().int().nullable(),
  field: z.string().nullable(),
  origin: z.enum(['manual', 'edit_check']),
  checkId: z.string().nullable(),
  state: z.enum(QUERY_STATES),
  text: z.string(),
  raisedBy: z.string(),
  raisedAt: z.string(),
  updatedAt: z.string(),
  ageDays: z.number().int(),
};

export const querySchema = z.object(queryFields).openapi('DataQuery');
export const queryDetailSchema = z
  .object({ ...queryFields, history: z.array(z.object({ action: z.enum(QUERY_ACTIONS), text: z.string().nullable(), stateAfter: z.enum(QUERY_STATES), by: z.string(), at: z.string() })) })
  .openapi('DataQueryDetail');
export const queryPageSchema = z.object({ total: z.number().int(), items: z.array(querySchema) }).openapi('DataQueryPage');
export const queryCountsSchema = z.array(z.object({ siteCode: z.string(), state: z.enum(QUERY_STATES), count: z.number().int() })).openapi('DataQueryCounts');
