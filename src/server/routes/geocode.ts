// GET /api/geocode?q=: offline place lookup (GeoNames cities500) for the location box and site distances.
import { createRoute, z } from '@hono/zod-openapi';
import { geocoder } from '../../registry/geocode/geocoder.ts';
import type { RouteModule } from './index.ts';

const place = z
  .object({
    name: z.string(),
    nameZh: z.string().optional(),
    country: z.string(),
    countryCode: z.string(),
    admin1: z.string().optional(),
    lat: z.number(),
    lon: z.number(),
    population: z.number(),
  })
  .openapi('Place');

const geocodeRoute = createRoute({
  method: 'get',
  path: '/api/geocode',
  summary: 'Find a city by name (English, other Latin spellings, or Chinese), offline',
  request: {
    query: z.object({
      q: z.string({ error: 'expected a place name, e.g. ?q=Jinan or ?q=济南' }).trim().min(1, 'expected a place name, e.g. ?q=Jinan or ?q=济南').max(200, 'expected at most 200 characters').openapi({ example: '济南' }),
    }),
  },
  responses: {
    200: { description: 'Matching places, best first (at most 10)', content: { 'application/json': { schema: z.object({ results: z.array(place) }) } } },
    400: {
      description: 'No place name given',
      content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) }) } },
    },
  },
});

export const registerGeocodeRoutes: RouteModule = (app) => {
  app.openapi(geocodeRoute, async (c) => {
    const { q } = c.req.valid('query');
    return c.json({ results: (await geocoder()).search(q, 10) }, 200);
  });
};
