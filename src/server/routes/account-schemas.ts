// Request and response schemas of the auth and admin routes, and a validation hook that never echoes
// a password back (the default hook repeats the value it got).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ROLES } from '../../conduct/access/roles.ts';
import { validationError } from '../errors.ts';

export { errorBodySchema as errorSchema } from '../schemas/common.ts';
import { errorBodySchema as errorSchema } from '../schemas/common.ts';

export const userSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    isSystemAdmin: z.boolean(),
    lockedUntil: z.string().nullable().openapi({ description: 'Set while the account is locked after repeated failed sign-ins.' }),
    disabled: z.boolean(),
    passwordChangedAt: z.string(),
    createdAt: z.string(),
  })
  .openapi('User');

export const grantSchema = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    studyId: z.string(),
    siteCode: z.string().nullable().openapi({ description: 'null: every site of the study (study-wide roles only).' }),
    role: z.enum(ROLES),
    canViewAllocation: z.boolean(),
    grantedAt: z.string(),
    grantedBy: z.number().int().nullable(),
  })
  .openapi('Grant');

export const userWithGrantsSchema = userSchema.extend({ grants: z.array(grantSchema) }).openapi('UserWithGrants');

export const tokenSchema = z
  .object({ id: z.number().int(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() })
  .openapi('ApiToken');

export const grantInputSchema = z
  .object({
    studyId: z.string().openapi({ example: 'NCT05794425' }),
    siteCode: z.string().nullable().optional().openapi({ description: 'Required for investigator and coordinator.' }),
    role: z.string().openapi({ description: `One of ${ROLES.join(', ')}.` }),
    canViewAllocation: z.boolean().optional(),
  })
  .strict()
  .openapi('GrantInput');

export const idParam = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }) });

const SECRET_FIELDS = new Set(['password', 'currentPassword', 'newPassword']);

/** Validation failures as the standard 400, with any password fields' values left out of the message. */
// Typed loosely so each route keeps its own input types; it throws rather than answers, as the routes do.
export function secretSafeHook(result: any, _c: Context): undefined {
  if (result.success) return undefined;
  const data: unknown = result.data;
  const redacted = typeof data === 'object' && data !== null ? Object.fromEntries(Object.entries(data).filter(([key]) => !SECRET_FIELDS.has(key))) : data;
  throw validationError(result.error, redacted);
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
export const jsonResponse = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
export const errorResponse = (description: string) => jsonResponse(description, errorSchema);
