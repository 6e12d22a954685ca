// Parameter and error schemas every route file shares: one NCT-id parameter, one error body, one date.
import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { NCT_ID_EXPECTED, NCT_ID_PATTERN } from '../../core/trial/nct-id.ts';
import { SITE_ID_PATTERN } from '../../eligibility/site-ranges.ts';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ code: z.string(), field: z.string(), value: z.unknown().optional(), expected: z.string() })).nullable().openapi({ description: 'Each problem: its code (stable, translatable), the field, the value received (shortened) and what was expected (English)' }),
    }),
  })
  .openapi('Error');

export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorBodySchema } } });

export const nctIdParam = z.object({ nctId: z.string().regex(NCT_ID_PATTERN, `expected ${NCT_ID_EXPECTED}`).openapi({ param: { name: 'nctId', in: 'path' }, example: 'NCT05794425' }) });

export const siteParam = z.object({ siteId: z.string().regex(SITE_ID_PATTERN, 'expected a site id: letters, digits, ".", "_" or "-"').openapi({ param: { name: 'siteId', in: 'path' } }) });

export const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');

export const langQuery = z.object({ lang: z.enum(['en', 'zh']).default('en').openapi({ param: { name: 'lang', in: 'query' } }) });

export const reviewState = z.enum(['reviewed', 'unreviewed']);

export const ruleSetRef = z.object({
  version: z.number().int(),
  review: reviewState,
  tablesDiffer: z
    .array(z.object({ table: z.string(), pinned: z.string(), current: z.string().optional() }))
    .optional()
    .openapi({ description: 'Clinical tables the rule set pins in a version this build does not have: review the rule set' }),
});

/** Today's date (UTC), the default screening date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
