// A study's protocol settings as versioned data: what the conduct services need to run it (arms and
// ratio, strata, visits, dosing, response scheme, CTCAE version, consent forms, blinding). Shipped
// in data/studies/*.json and stored per version; zod reads them at every boundary.
import { z } from 'zod';
import { isIsoDate } from '../clinical/calendar.ts';

const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD');
const code = z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'expected an upper-case code (letters, digits, _)');

export const armSchema = z.object({
  code,
  label: z.string().min(1),
  labelZh: z.string().min(1).optional(),
  /** Parts of the allocation ratio (1:1 → 1 and 1). */
  ratio: z.number().int().min(1).max(10),
  intervention: z.string().min(1),
});

/** A protocol factor the randomization is stratified by (the site is always a stratum too). */
export const stratumFactorSchema = z.object({
  key: z.string().regex(/^[a-z][A-Za-z0-9]{0,31}$/, 'expected a camelCase key'),
  label: z.string().min(1),
  labelZh: z.string().min(1).optional(),
  levels: z.array(z.object({ code, label: z.string().min(1), labelZh: z.string().optional() })).min(2),
});

export const visitSchema = z.object({
  code,
  label: z.string().min(1),
  labelZh: z.string().optional(),
  /** Day relative to enrollment (day 0). */
  day: z.number().int(),
  /** Allowed window in days before and after. */
  windowBefore: z.number().int().min(0),
  windowAfter: z.number().int().min(0),
});

export const consentFormSchema = z.object({
  version: z.string().regex(/^v\d+(\.\d+)*$/, 'expected a version like v1.0'),
  effectiveFrom: isoDate,
  languages: z.array(z.enum(['en', 'zh'])).min(1),
});

export const protocolSettingsSchema = z
  .object({
    studyId: z.string().regex(/^NCT\d{8}$/),
    version: z.number().int().min(1),
    design: z.enum(['randomized', 'single_group']),
    blinded: z.boolean(),
    arms: z.array(armSchema).min(1),
    /** Stratify by site as well as by the factors (the issue's default). */
    stratifyBySite: z.boolean(),
    strata: z.array(stratumFactorSchema),
    /** Block sizes as multiples of the ratio sum (1:1 with [2, 3] → blocks of 4 and 6), drawn at random. */
    blockMultiples: z.array(z.number().int().min(1).max(10)).min(1),
    visits: z.array(visitSchema),
    dosing: z.record(z.string(), z.object({ rule: z.string().min(1), ruleZh: z.string().optional(), unit: z.string().min(1), min: z.number().nonnegative(), max: z.number().nonnegative() })),
    responseScheme: z.string().min(1),
    ctcaeVersion: z.string().regex(/^\d+\.\d+$/),
    consentForms: z.array(consentFormSchema).min(1),
    /** What a reader must know about how the settings were read from the registry (ambiguities, inconsistencies). */
    notes: z.array(z.string().min(1)).default([]),
  })
  .superRefine((settings, ctx) => {
    const codes = settings.arms.map((arm) => arm.code);
    if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', path: ['arms'], message: 'arm codes must be unique' });
    // A non-randomized study may still keep more than one group (NCT03055078: registered single-group, its
    // arm text splits cell therapy from control; clinical-domain.md §0). The investigator then names the
    // group at enrollment; with one arm it is assigned.
    if (settings.design === 'randomized' && settings.arms.length < 2) ctx.addIssue({ code: 'custom', path: ['arms'], message: 'a randomized study has at least two arms' });
    if (settings.blinded && settings.design !== 'randomized') ctx.addIssue({ code: 'custom', path: ['blinded'], message: 'only a randomized study can be blinded' });
    const versions = settings.consentForms.map((form) => form.version);
    if (new Set(versions).size !== versions.length) ctx.addIssue({ code: 'custom', path: ['consentForms'], message: 'consent form versions must be unique' });
    const keys = settings.strata.map((factor) => factor.key);
    if (new Set(keys).size !== keys.length || keys.includes('site')) ctx.addIssue({ code: 'custom', path: ['strata'], message: 'stratum keys must be unique and not "site"' });
  });

export type ProtocolSettings = z.infer<typeof protocolSettingsSchema>;
export type Arm = z.infer<typeof armSchema>;
export type StratumFactor = z.infer<typeof stratumFactorSchema>;
export type ConsentForm = z.infer<typeof consentFormSchema>;

/** The consent form in force on a date: the latest whose effectiveFrom is on or before it. */
export function currentConsentForm(settings: ProtocolSettings, onDate: string): ConsentForm | undefined {
  return [...settings.consentForms].filter((form) => form.effectiveFrom <= onDate).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0))[0];
}

/** How a subject's arm is decided at enrollment. */
export function assignmentOf(settings: Pick<ProtocolSettings, 'design' | 'arms'>): 'randomized' | 'the_one_arm' | 'investigator_choice' {
  if (settings.design === 'randomized') return 'randomized';
  return settings.arms.length === 1 ? 'the_one_arm' : 'investigator_choice';
}

/** The sum of the arms' ratio parts (1:1 → 2). */
export function ratioSum(settings: Pick<ProtocolSettings, 'arms'>): number {
  return settings.arms.reduce((sum, arm) => sum + arm.ratio, 0);
}
