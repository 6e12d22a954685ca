// User and grant administration: system administrators for everyone, sponsor admins within their studies.
// Users and grants the caller does not administer answer 404, like ones that do not exist.
import { createRoute, z } from '@hono/zod-openapi';
import { accountServiceFor } from '../auth/accounts.ts';
import { requireActor } from '../auth/context.ts';
import { errorResponse, grantInputSchema, grantSchema, idParam, jsonBody, jsonResponse, secretSafeHook, userSchema, userWithGrantsSchema } from './account-schemas.ts';
import type { RouteModule } from './index.ts';

const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Not an administrator, or CSRF token missing or wrong') };

const listUsersRoute = createRoute({
  method: 'get',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: 'Users you administer, with their grants in the studies you manage',
  responses: { 200: jsonResponse('Users', z.object({ users: z.array(userWithGrantsSchema) })), ...denied },
});

const createUserRoute = createRoute({
  method: 'post',
  path: '/api/admin/users',
  tags: ['admin'],
  summary: 'Create a user (and the grants they start with, all or nothing)',
  request: {
    body: jsonBody(
      z
        .object({ username: z.string().max(200), displayName: z.string().max(400).optional(), password: z.string().max(1024), isSystemAdmin: z.boolean().optional(), grants: z.array(grantInputSchema).max(50).optional() })
        .strict()
        .openapi('NewUser'),
    ),
  },
  responses: { 201: jsonResponse('Created', z.object({ user: userWithGrantsSchema })), 400: errorResponse('Bad username, weak password or bad grant'), ...denied, 404: errorResponse('No such study or site'), 409: errorResponse('Username taken') },
});

const grantRoute = createRoute({
  method: 'post',
  path: '/api/admin/users/{id}/grants',
  tags: ['admin'],
  summary: 'Give a user a role in a study (at a site, or study-wide)',
  request: { params: idParam, body: jsonBody(grantInputSchema) },
  responses: { 201: jsonResponse('Granted', z.object({ grant: grantSchema })), 400: errorResponse('Bad role, study id or site code; site role without a site'), ...denied, 404: errorResponse('No such user, study or site'), 409: errorResponse('The user already holds this role there') },
});

const revokeGrantRoute = createRoute({
  method: 'delete',
  path: '/api/admin/grants/{id}',
  tags: ['admin'],
  summary: 'Revoke a grant (kept, dated, in the history)',
  request: { params: idParam },
  responses: { 200: jsonResponse('Revoked', z.object({ grant: grantSchema })), ...denied, 404: errorResponse('No such grant'), 409: errorResponse('Already revoked') },
});

const userAction = (action: 'unlock' | 'disable' | 'enable', summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/admin/users/{id}/${action}`,
    tags: ['admin'],
    summary,
    request: { params: idParam },
    responses: { 200: jsonResponse('Done', z.object({ user: userSchema })), ...denied, 404: errorResponse('No such user') },
  });

export const registerAdminUserRoutes: RouteModule = (app, deps) => {
  const accounts = accountServiceFor(deps);

  app.openapi(listUsersRoute, async (c) => c.json({ users: await accounts.listUsers(requireActor(c)) }, 200));

  app.openapi(
    createUserRoute,
    async (c) => {
      const user = await accounts.createUser(requireActor(c), c.req.valid('json'));
      return c.json({ user }, 201);
    },
    secretSafeHook,
  );

  app.openapi(grantRoute, async (c) => {
    const grant = await accounts.grant(requireActor(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ grant }, 201);
  });

  app.openapi(revokeGrantRoute, async (c) => c.json({ grant: await accounts.revokeGrant(requireActor(c), c.req.valid('param').id) }, 200));

  app.openapi(userAction('unlock', 'Unlock a user locked after failed sign-ins'), async (c) => c.json({ user: await accounts.unlockUser(requireActor(c), c.req.valid('param').id) }, 200));
  app.openapi(userAction('disable', 'Disable a user: ends their sessions and revokes their API tokens (system administrators)'), async (c) => c.json({ user: await accounts.setDisabled(requireActor(c), c.req.valid('param').id, true) }, 200));
  app.openapi(userAction('enable', 'Enable a disabled user again (system administrators)'), async (c) => c.json({ user: await accounts.setDisabled(requireActor(c), c.req.valid('param').id, false) }, 200));
};
