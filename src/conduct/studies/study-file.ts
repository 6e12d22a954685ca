// The shipped description of a study (data/studies/NCT*.json): the registry trial's titles, its
// protocol settings (one version, numbered in the file) and its sites. zod reads it at load time; a
// bad file is a bug in the shipped data and is named with every problem.
import { z } from 'zod';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { protocolSettingsSchema } from '../../core/study/protocol.ts';
import { SITE_STATUSES } from '../model.ts';

/** Site codes: short, upper-case, stable; subject numbers are built from them (QL01-007). */
export const SITE_CODE_PATTERN = /^[A-Z0-9-]{2,16}$/;
const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');
const text = z.string().trim().min(1);

export const studySiteFileSchema = z
  .object({
    siteCode: z.string().regex(SITE_CODE_PATTERN, 'expected 2–16 upper-case letters, digits or "-"'),
    nameEn: text,
    nameZh: text.nullable(),
    /** Why the Chinese name is missing or uncertain; required when nameZh is null. */
    nameZhNote: text.optional(),
    cityEn: text,
    cityZh: text.nullable(),
    province: text,
    provinceZh: text.nullable(),
    status: z.enum(SITE_STATUSES),
    activatedOn: isoDate.nullable(),
    targetEnrollment: z.number().int().min(0).nullable(),
    isLeadSponsor: z.boolean(),
    /** The site id its lab reference ranges are stored under (eligo sites ranges import, /api/sites/{siteId}/reference-ranges). */
    rangeSiteId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/).nullable(),
  })
  .strict()
  .superRefine((site, ctx) => {
    if (site.nameZh === null && site.nameZhNote === undefined) ctx.addIssue({ code: 'custom', path: ['nameZhNote'], message: 'a site without a Chinese name says why (nameZhNote)' });
    if (site.status === 'pending' && site.activatedOn !== null) ctx.addIssue({ code: 'custom', path: ['activatedOn'], message: 'a pending site has not been activated' });
    if (site.status !== 'pending' && site.activatedOn === null) ctx.addIssue({ code: 'custom', path: ['activatedOn'], message: 'an active or closed site has an activation date' });
  });

export const studyFileSchema = z
  .object({
    study: z.object({ studyId: z.string().regex(/^NCT\d{8}$/), title: text, titleZh: text.optional() }).strict(),
    protocol: protocolSettingsSchema,
    sites: z.array(studySiteFileSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (file.protocol.studyId !== file.study.studyId) ctx.addIssue({ code: 'custom', path: ['protocol', 'studyId'], message: `protocol.studyId ${file.protocol.studyId} is not the study's ${file.study.studyId}` });
    const codes = file.sites.map((site) => site.siteCode);
    const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
    if (repeated.length > 0) ctx.addIssue({ code: 'custom', path: ['sites'], message: `site codes must be unique; repeated: ${[...new Set(repeated)].join(', ')}` });
    if (file.sites.filter((site) => site.isLeadSponsor).length > 1) ctx.addIssue({ code: 'custom', path: ['sites'], message: 'at most one lead sponsor site' });
  });

export type StudyFile = z.infer<typeof studyFileSchema>;
export type StudySiteFile = z.infer<typeof studySiteFileSchema>;

/** Reads one study file's JSON; throws naming the file and each bad field. */
export function parseStudyFile(json: unknown, source: string): StudyFile {
  const parsed = studyFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`study file ${source} is not valid: ${issues.join('; ')}`);
  }
  return parsed.data;
}
