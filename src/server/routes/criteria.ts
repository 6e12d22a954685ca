// The criteria parser over HTTP, and the review workflow's two calls:
//   POST /api/criteria/parse                  {text} → the parse (same object as `eligo criteria parse --json`)
//   GET  /api/trials/{nctId}/criteria/parsed   a registry trial's criteria text, its parse, and its current rule set version
//   PUT  /api/trials/{nctId}/rules             store a reviewed (edited, approved) rule set as the trial's next version
import { createRoute, z } from '@hono/zod-openapi';
import { parseCriteria } from '../../core/criteria/parse/index.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { parseRuleSet } from '../../eligibility/rule-sets.ts';
import { errorBodySchema as errorSchema, nctIdParam as nctParam } from '../schemas/common.ts';
import type { RouteModule } from './index.ts';

/** Criteria texts run to a few kilobytes; this leaves room for pasted documents without inviting abuse. */
export const MAX_CRITERIA_TEXT = 2_000_000;


const spanSchema = z.tuple([z.number().int(), z.number().int()]).openapi({ description: '[start, end) offsets into the text, JavaScript string indices' });

const parsedCriterionSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['inclusion', 'exclusion']),
    text: z.string(),
    span: spanSchema,
    status: z.enum(['computable', 'partial', 'needs_review']),
    rules: z.array(z.unknown()).openapi({ description: 'Rules of the eligibility language (src/core/criteria/rules.ts); every comparison has op, value, high, unit and span' }),
    unparsed: z.array(z.object({ text: z.string(), span: spanSchema })),
  })
  .openapi('ParsedCriterion');

const parseResultSchema = z.object({ criteria: z.array(parsedCriterionSchema), warnings: z.array(z.string()) }).openapi('CriteriaParse');

const parseRoute = createRoute({
  method: 'post',
  path: '/api/criteria/parse',
  summary: 'Parse free-text eligibility criteria into rules',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ text: z.string().max(MAX_CRITERIA_TEXT, `expected at most ${MAX_CRITERIA_TEXT} characters of criteria text`) }),
        },
      },
    },
  },
  responses: {
    200: { description: 'The criteria with their rules, statuses and spans', content: { 'application/json': { schema: parseResultSchema } } },
    400: { description: 'The body is not {"text": string}', content: { 'application/json': { schema: errorSchema } } },
  },
});


const parsedTrialRoute = createRoute({
  method: 'get',
  path: '/api/trials/{nctId}/criteria/parsed',
  summary: "The parser's reading of a registry trial's eligibility criteria, for review",
  request: { params: nctParam },
  responses: {
    200: {
      description: 'The criteria text, its parse, and the version of the rule set screening uses now (if any)',
      content: {
        'application/json': {
          schema: z.object({
            nctId: z.string(),
            text: z.string(),
            criteria: z.array(parsedCriterionSchema),
            warnings: z.array(z.string()),
            current: z.object({ version: z.number().int(), review: z.enum(['reviewed', 'unreviewed']), source: z.string() }).nullable(),
          }),
        },
      },
    },
    404: { description: 'No such trial, or it has no criteria text', content: { 'application/json': { schema: errorSchema } } },
  },
});

const approveRoute = createRoute({
  method: 'put',
  path: '/api/trials/{nctId}/rules',
  summary: "Approve an edited rule set: it becomes the trial's next, reviewed version",
  request: {
    params: nctParam,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            criteria: z.array(z.unknown()).min(1, 'expected at least one criterion'),
            reviewedBy: z.string().min(1).max(200).optional(),
            tables: z.record(z.string(), z.string()).optional(),
          }),
        },
      },
    },
  },
  responses: {
    201: { description: 'The stored rule set with its version', content: { 'application/json': { schema: z.object({ ruleSet: z.unknown() }) } } },
    400: { description: 'The rule set is not valid', content: { 'application/json': { schema: errorSchema } } },
    422: { description: 'The rule set pins clinical table versions other than this build has (the details state both)', content: { 'application/json': { schema: errorSchema } } },
    404: { description: 'No such trial in the registry', content: { 'application/json': { schema: errorSchema } } },
  },
});

export const registerCriteriaRoutes: RouteModule = (app, deps) => {
  app.openapi(parseRoute, (c) => {
    const { text } = c.req.valid('json');
    return c.json(parseCriteria(text), 200);
  });

  app.openapi(parsedTrialRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const trial = await deps.stores.trials.record(nctId);
    if (!trial) throw notFound('trial in the registry', 'nctId', nctId);
    const text = trial.protocolSection?.eligibilityModule?.eligibilityCriteria;
    if (typeof text !== 'string' || text.trim() === '') throw EligoError.of('not_found', { code: 'no_criteria', field: 'nctId', value: nctId, expected: 'a trial with eligibility criteria text', message: `trial ${nctId} has no eligibility criteria text` });
    const stored = await deps.stores.ruleSets.current(nctId);
    const current = stored ? { version: stored.ruleSet.version, review: stored.ruleSet.review, source: stored.source } : null;
    return c.json({ nctId, text, ...parseCriteria(text), current }, 200);
  });

  app.openapi(approveRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const body = c.req.valid('json');
    if (!(await deps.stores.trials.record(nctId))) throw notFound('trial in the registry', 'nctId', nctId);
    const ruleSet = parseRuleSet(
      { nctId, version: 1, review: 'reviewed', reviewedBy: body.reviewedBy, reviewedAt: new Date().toISOString(), tables: body.tables, criteria: body.criteria },
      'the rule set',
      { strictTables: true },
    );
    const stored = await deps.stores.ruleSets.save(ruleSet, 'hand', { nextVersion: true });
    return c.json({ ruleSet: stored }, 201);
  });
};
