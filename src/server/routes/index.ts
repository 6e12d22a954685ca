// Each area registers its routes here.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDependencies } from '../app.ts';
import { registerHealthRoutes } from './health.ts';
import { registerTrialRoutes } from './trials.ts';
import { registerGeocodeRoutes } from './geocode.ts';
import { registerCriteriaRoutes } from './criteria.ts';
import { registerScreeningRoutes } from './screening.ts';
import { registerRuleRoutes } from './rules.ts';
import { registerQuestionnaireRoutes } from './questionnaire.ts';
import { registerSiteRoutes } from './sites.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerAdminUserRoutes } from './admin-users.ts';
import { registerStudyRoutes } from './studies.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerScreeningLogRoutes } from './screenings.ts';
import { registerEnrollmentRoutes } from './enrollment.ts';
import { registerVisitRoutes } from './visits.ts';
import { registerTreatmentRoutes } from './treatment.ts';
import { registerQueryRoutes } from './queries.ts';
import { registerLabRoutes } from './labs.ts';
import { registerAssessmentRoutes } from './assessments.ts';
import { registerAdverseEventRoutes } from './adverse-events.ts';
import { registerReportRoutes } from './reports.ts';

export type RouteModule = (app: OpenAPIHono, deps: AppDependencies) => void;

export const routeModules: RouteModule[] = [registerHealthRoutes, registerTrialRoutes, registerGeocodeRoutes, registerCriteriaRoutes, registerScreeningRoutes, registerRuleRoutes, registerQuestionnaireRoutes, registerSiteRoutes, registerAuthRoutes, registerAdminUserRoutes, registerStudyRoutes, registerAuditRoutes, registerScreeningLogRoutes, registerEnrollmentRoutes, registerQueryRoutes, registerVisitRoutes, registerTreatmentRoutes, registerLabRoutes, registerAssessmentRoutes, registerAdverseEventRoutes, registerReportRoutes];
