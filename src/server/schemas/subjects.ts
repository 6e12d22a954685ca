// Request and response schemas of the screening-log, consent and enrollment routes. Bodies are typed
// loosely where the service checks them (it names the field, the value and what was expected), and
// a validation failure never echoes identity fields back.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CONFIRMATION_ANSWERS, SCREENING_OUTCOMES, SIGNATURE_STATUSES, SIGNERS } from '../../conduct/model.ts';
import { validationError } from '../errors.ts';

const studyId = z.string().openapi({ param: { name: 'studyId', in: 'path' }, example: 'NCT05794425' });
const subjectNumber = z.string().openapi({ param: { name: 'subjectNumber', in: 'path' }, example: 'QL01-007', description: 'Site code, hyphen, sequence of at least 3 digits.' });
export const studyParams = z.object({ studyId });
export const subjectParams = z.object({ studyId, subjectNumber });
export const consentParams = z.object({ studyId, consentId: z.string().openapi({ param: { name: 'consentId', in: 'path' }, example: '12' }) });

const verdict = z.enum(['eligible', 'incomplete', 'ineligible']);
const limit = (max: number) => z.coerce.number().int().min(1).max(max).optional().openapi({ description: `1–${max}` });
const offset = z.coerce.number().int().min(0).optional();

export const screeningQuery = z.object({
  siteCode: z.string().optional().openapi({ description: 'One site within your scope; omitted = every site you can see.' }),
  outcome: z.enum(SCREENING_OUTCOMES).optional(),
  verdict: verdict.optional(),
  subjectNumber: z.string().optional(),
  screenedFrom: z.string().optional().openapi({ description: 'YYYY-MM-DD, inclusive' }),
  screenedTo: z.string().optional().openapi({ description: 'YYYY-MM-DD, inclusive' }),
  limit: limit(500),
  offset,
});
export const enrollmentQuery = z.object({ siteCode: z.string().optional(), limit: limit(500), offset });

export const identitySchema = z
  .object({
    name: z.string().openapi({ description: 'Never logged, never in URLs, audit entries or exports.' }),
    hospitalNumber: z.string().openapi({ description: 'Hospital number / MRN at the site.' }),
    birthDate: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
    phone: z.string().nullable(),
  })
  .openapi('SubjectIdentity');

export const startScreeningBody = z
  .object({
    siteCode: z.string(),
    screenedOn: z.string().openapi({ description: 'YYYY-MM-DD, not in the future; the eligibility "as of" date.' }),
    source: z
      .object({
        kind: z.enum(['fhir', 'manual', 'prescreen']),
        bundle: z.unknown().optional().openapi({ description: 'kind fhir / prescreen: a FHIR R4 Bundle of the patient.' }),
        record: z.unknown().optional().openapi({ description: 'kind manual: a hand-entered record (schema ManualPatientRecord, as POST /api/trials/{nctId}/screen/form).' }),
        reference: z.string().optional().openapi({ description: 'kind prescreen: where the candidate was found.' }),
      })
      .openapi({ description: 'How the patient record arrived.' }),
    identity: z.object({ name: z.string(), hospitalNumber: z.string(), birthDate: z.string().nullable().optional(), phone: z.string().nullable().optional() }),
    factors: z.record(z.string(), z.string()).optional().openapi({ description: 'Protocol stratum factors known at screening, e.g. {"severity":"SAA"}.' }),
  })
  .strict()
  .openapi('StartScreening');

export const screeningSchema = z
  .object({
    id: z.number().int(),
    studyId: z.string(),
    siteCode: z.string(),
    subjectNumber: z.string(),
    screenedOn: z.string(),
    origin: z.enum(['fhir', 'manual', 'prescreen']),
    ruleSet: z.object({ nctId: z.string(), version: z.number().int(), review: z.enum(['reviewed', 'unreviewed']) }),
    verdict,
    result: z.unknown().openapi({ description: 'The eligibility engine result: criterion-by-criterion verdicts, missing items, points to confirm.' }),
    confirmations: z.array(z.object({ criterion: z.string(), answer: z.enum(CONFIRMATION_ANSWERS), answeredBy: z.string(), at: z.string() })),
    failureReasons: z.array(z.string()),
    factors: z.record(z.string(), z.string()),
    outcome: z.enum(SCREENING_OUTCOMES),
    override: z.object({ by: z.string(), reason: z.string(), at: z.string() }).optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Screening');

export const page = <T extends z.ZodType>(item: T, name: string) => z.object({ total: z.number().int(), items: z.array(item) }).openapi(name);

export const confirmationsBody = z.object({ answers: z.array(z.object({ criterion: z.string(), answer: z.string() })), reason: z.string().optional() }).strict().openapi('ScreeningConfirmations');
export const outcomeBody = z.object({ outcome: z.string().openapi({ description: 'pending, screen_failure or declined' }), failureReasons: z.array(z.string()).default([]), reason: z.string().optional() }).strict().openapi('ScreeningOutcome');

export const consentBody = z
  .object({
    formVersion: z.string().openapi({ example: 'v1.0' }),
    signedAt: z.string().openapi({ description: 'ISO date-time with offset, not in the future', example: '2026-03-02T09:30:00+08:00' }),
    obtainedBy: z.string(),
    signer: z.enum(SIGNERS),
    guardianName: z.string().optional().openapi({ description: 'Required when signer = guardian.' }),
    guardianRelationship: z.string().optional().openapi({ description: 'Required when signer = guardian.' }),
    signatureStatus: z.enum(SIGNATURE_STATUSES),
    language: z.string().optional(),
    reason: z.string().optional(),
  })
  .strict()
  .openapi('RecordConsent');

export const consentSchema = z
  .object({
    id: z.number().int(), studyId: z.string(), siteCode: z.string(), subjectNumber: z.string(), formVersion: z.string(), signedAt: z.string(), obtainedBy: z.string(),
    signer: z.enum(SIGNERS), guardianName: z.string().nullable(), guardianRelationship: z.string().nullable(), signatureStatus: z.enum(SIGNATURE_STATUSES), language: z.string().nullable(),
    withdrawnOn: z.string().nullable(), state: z.enum(['valid', 'withdrawn', 'refused', 'outdated']), recordedAt: z.string(), recordedBy: z.string(),
  })
  .openapi('Consent');

export const withdrawalBody = z.object({ withdrawnOn: z.string().openapi({ description: 'YYYY-MM-DD' }), reason: z.string() }).strict().openapi('ConsentWithdrawal');

export const enrollBody = z
  .object({
    override: z.object({ reason: z.string() }).strict().optional().openapi({ description: 'Investigators only: enroll a patient the screening found ineligible or incomplete, with the reason (audited).' }),
    arm: z.string().optional().openapi({ description: 'Only for a non-randomized study with several groups: the group the investigator chose.' }),
  })
  .strict()
  .openapi('Enroll');

export const enrollmentSchema = z
  .object({
    studyId: z.string(), siteCode: z.string(), subjectNumber: z.string(),
    arm: z.string().nullable().openapi({ description: 'null in a blinded study for those without the allocation right.' }),
    strata: z.record(z.string(), z.string()), randomizedAt: z.string(), randomizedBy: z.string(), overridden: z.boolean(),
  })
  .openapi('Enrollment');

export const unblindBody = z.object({ reason: z.string() }).strict().openapi('Unblind');
export const unblindingSchema = z.object({ studyId: z.string(), subjectNumber: z.string(), arm: z.string(), by: z.string(), at: z.string(), reason: z.string() }).openapi('Unblinding');

export const screeningCountsSchema = z.array(z.object({ siteCode: z.string(), outcome: z.enum(SCREENING_OUTCOMES), count: z.number().int() })).openapi('ScreeningCounts');
export const enrollmentCountsSchema = z.array(z.object({ siteCode: z.string(), month: z.string(), count: z.number().int() })).openapi('EnrollmentCounts');

/** The standard 400, but the identity and the guardian's name are never echoed back. */
export function identitySafeHook(result: any, _c: Context): undefined {
  if (result.success) return undefined;
  const data: unknown = result.data;
  const redacted = typeof data === 'object' && data !== null ? Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'identity' && key !== 'guardianName')) : data;
  throw validationError(result.error, redacted);
}
