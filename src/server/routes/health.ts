import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
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
    const { rows } = await sql<{ v: string }>`select version() as v`.execute(deps.db);
    return c.json({ status: 'ok' as const, database: rows[0].v.split(' on ')[0] }, 200);
  });
};
