import { createRoute, z } from '@hono/zod-openapi';
import type { RouteModule } from './index.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness and database check',
  responses: {
    200: { description: 'Eligo and its database are up', content: { 'application/json': { schema: z.object({ status: z.literal('ok'), database: z.string() }) } } },
  },
});

export const registerHealthRoutes: RouteModule = (app, deps) => {
  app.openapi(healthRoute, async (c) => {
    return c.json({ status: 'ok' as const, database: (await deps.stores.serverVersion()).split(' on ')[0] }, 200);
  });
};
