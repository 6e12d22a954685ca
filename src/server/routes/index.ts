// Each area registers its routes here.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDependencies } from '../app.ts';
import { registerHealthRoutes } from './health.ts';

export type RouteModule = (app: OpenAPIHono, deps: AppDependencies) => void;

export const routeModules: RouteModule[] = [registerHealthRoutes];
