// Installs authentication on the API: the Origin check, then the session/token → Actor middleware.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDependencies } from '../app.ts';
import { accountServiceFor } from './accounts.ts';
import { authentication, originCheck } from './middleware.ts';

export function installAuthentication(app: OpenAPIHono, deps: AppDependencies): void {
  app.use('/api/*', originCheck(), authentication(accountServiceFor(deps)));
}
