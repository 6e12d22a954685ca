// Schemas of the study-conduct API shared by its route files: the path parameters, a page of items,
// studies, sites and audit entries. The protocol settings are the core's own zod schema.
import { z } from '@hono/zod-openapi';
import { protocolSettingsSchema } from '../../core/study/protocol.ts';
import { SITE_STATUSES } from '../../conduct/model.ts';
import { SITE_CODE_PATTERN } from '../../conduct/studies/study-file.ts';
import { NCT_ID_EXPECTED, NCT_ID_PATTERN } from '../../core/trial/nct-id.ts';

export const studyIdParam = z.object({ studyId: z.string().regex(NCT_ID_PATTERN, `expected ${NCT_ID_EXPECTED}`).openapi({ param: { name: 'studyId', in: 'path' }, example: 'NCT05794425' }) });

export const siteCodeSchema = z.string().regex(SITE_CODE_PATTERN, 'expected a site code: 2–16 upper-case letters, digits or "-"');

export const studySiteParams = studyIdParam.extend({ siteCode: siteCodeSchema.openapi({ param: { name: 'siteCode', in: 'path' }, example: 'JN02' }) });

/** limit and offset as query parameters (strings in the URL). */
export const pageQuery = (maxLimit: number, defaultLimit: number) => ({
  limit: z.coerce.number().int().min(1).max(maxLimit).optional().openapi({ param: { name: 'limit', in: 'query' }, description: `1–${maxLimit}, default ${defaultLimit}` }),
  offset: z.coerce.number().int().min(0).optional().openapi({ param: { name: 'offset', in: 'query' } }),
});

export const pageOf = <T extends z.ZodType>(item: T, name: string) => z.object({ total: z.number().int().openapi({ description: 'Items matching the filter within your scope' }), items: z.array(item) }).openapi(name);

const armSummarySchema = z.object({ code: z.string(), label: z.string(), labelZh: z.string().optional() });

export const studySummarySchema = z
  .object({
    studyId: z.string(),
    title: z.string(),
    titleZh: z.string().optional(),
    design: z.enum(['randomized', 'single_group']),
    blinded: z.boolean(),
    protocolVersion: z.number().int(),
    arms: z.array(armSummarySchema),
    siteCount: z.number().int().openapi({ description: 'Sites you can see (never the total when it is larger)' }),
  })
  .openapi('StudySummary');

export const studyDetailSchema = studySummarySchema.extend({ protocol: protocolSettingsSchema, notes: z.array(z.string()) }).openapi('StudyDetail');

export const siteViewSchema = z
  .object({
    studyId: z.string(),
    siteCode: z.string(),
    nameEn: z.string(),
    nameZh: z.string().nullable(),
    nameZhNote: z.string().optional().openapi({ description: 'Why the Chinese name is missing or unverified' }),
    cityEn: z.string(),
    cityZh: z.string().nullable(),
    province: z.string(),
    provinceZh: z.string().nullable(),
    status: z.enum(SITE_STATUSES),
    activatedOn: z.string().nullable(),
    targetEnrollment: z.number().int().nullable(),
    isLeadSponsor: z.boolean(),
  })
  .openapi('Site');

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    userId: z.number().int().nullable(),
    username: z.string(),
    action: z.string(),
    recordType: z.string(),
    recordId: z.string(),
    studyId: z.string().nullable(),
    siteCode: z.string().nullable(),
    old: z.unknown(),
    new: z.unknown(),
    reason: z.string().nullable(),
    hash: z.string(),
  })
  .openapi('AuditEntry');
