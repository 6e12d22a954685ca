// A trial's rule set over HTTP: the current version printed as text (English and Chinese), and the
// list of trials with rule sets for the review page. Both only read.
import { createRoute, z } from '@hono/zod-openapi';
import { printCriterion } from '../../core/criteria/print.ts';
import { storedRuleSetForScreening } from '../../eligibility/screen.ts';
import { errorResponse, nctIdParam, reviewState } from '../schemas/common.ts';
import type { RouteModule } from './index.ts';

const printedRulesSchema = z
  .object({
    nctId: z.string(),
    version: z.number().int(),
    review: reviewState,
    source: z.string().openapi({ description: "'seed', 'hand' or 'parser'" }),
    parserVersion: z.string().nullable().openapi({ description: 'The criteria parser version that produced an unreviewed parser rule set' }),
    versions: z.array(z.object({ version: z.number().int(), review: z.string(), source: z.string(), createdAt: z.string() })),
    criteria: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(['inclusion', 'exclusion']),
        text: z.string(),
        span: z.tuple([z.number(), z.number()]).optional(),
        rule: z.object({ en: z.string(), zh: z.string() }).openapi({ description: 'The rule as text; in zh, free text without a translation is the English quoted and marked “…”（英文原文，暂无中文）' }),
        ambiguities: z.array(z.string()),
        ambiguitiesZh: z.array(z.string()).openapi({ description: '`ambiguities` in Chinese, index for index; an untranslated one is the marked English' }),
        status: z.enum(['computable', 'partial', 'needs_review']).optional().openapi({ description: 'How much of the criterion the parser turned into rules' }),
        unparsed: z.array(z.object({ text: z.string(), span: z.tuple([z.number(), z.number()]).optional() })).openapi({ description: 'Parts of the text that did not become rules' }),
        source: z.unknown().openapi({ description: 'The rule tree (src/core/criteria/rules.ts)' }),
      }),
    ),
  })
  .openapi('TrialRules');

const rulesRoute = createRoute({
  method: 'get',
  path: '/api/trials/{nctId}/rules',
  summary: "A trial's current rule set, each rule printed as readable text (English and Chinese)",
  request: { params: nctIdParam },
  responses: {
    200: { description: 'The rule set', content: { 'application/json': { schema: printedRulesSchema } } },
    404: errorResponse('Trial not in the registry, or it has no rule set'),
  },
});

const ruleSetListQuery = z.object({
  review: reviewState.optional().openapi({ param: { name: 'review', in: 'query' }, description: 'Only trials whose current rule set is in this state' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ param: { name: 'limit', in: 'query' } }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ param: { name: 'offset', in: 'query' } }),
});

const ruleSetListRoute = createRoute({
  method: 'get',
  path: '/api/rule-sets',
  summary: 'Trials with a rule set: the current version, its review state and its criteria by parse status (for the review list)',
  request: { query: ruleSetListQuery },
  responses: {
    200: {
      description: 'One page, by NCT id',
      content: {
        'application/json': {
          schema: z
            .object({
              total: z.number().int(),
              items: z.array(
                z.object({
                  nctId: z.string(),
                  title: z.string().nullable(),
                  status: z.string().nullable(),
                  version: z.number().int(),
                  latestVersion: z.number().int(),
                  review: reviewState,
                  source: z.string(),
                  criteria: z.object({ total: z.number().int(), computable: z.number().int(), partial: z.number().int(), needs_review: z.number().int(), unspecified: z.number().int() }),
                }),
              ),
            })
            .openapi('RuleSetList'),
        },
      },
    },
    400: errorResponse('Bad query parameter'),
  },
});

export const registerRuleRoutes: RouteModule = (app, deps) => {
  app.openapi(rulesRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const { ruleSet, source, parserVersion } = await storedRuleSetForScreening(deps.stores, nctId);
    const versions = await deps.stores.ruleSets.versions(nctId);
    return c.json({
      nctId,
      version: ruleSet.version,
      review: ruleSet.review,
      source,
      parserVersion,
      versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
      criteria: ruleSet.criteria.map((criterion) => ({ ...printCriterion(criterion), unparsed: criterion.unparsed ?? [], source: criterion.rule })),
    }, 200);
  });

  app.openapi(ruleSetListRoute, async (c) => c.json(await deps.stores.ruleSets.list(c.req.valid('query')), 200));
};
