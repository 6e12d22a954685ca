// The patient questionnaire over HTTP: plain-language questions generated from a trial's rules, and
// the patient-facing verdict from the answers (nothing is stored).
import { createRoute, z } from '@hono/zod-openapi';
import { buildQuestionnaire, questionnaireVerdict } from '../../core/criteria/questionnaire.ts';
import { ruleSetForScreening } from '../../eligibility/screen.ts';
import { errorResponse, isoDate, langQuery, nctIdParam, ruleSetRef, today } from '../schemas/common.ts';
import type { RouteModule } from './index.ts';

const questionSchema = z.object({
  id: z.string(),
  type: z.enum(['yes-no', 'number', 'date', 'choice', 'sex']),
  text: z.string(),
  help: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  criteria: z.array(z.string()),
  askIf: z.string().optional(),
});

const questionnaireSchema = z
  .object({ trial: z.string(), lang: z.enum(['en', 'zh']), ruleSet: ruleSetRef, intro: z.string(), questions: z.array(questionSchema), teamWillCheck: z.array(z.string()) })
  .openapi('Questionnaire');

const answersSchema = z
  .object({
    lang: z.enum(['en', 'zh']).default('en'),
    asOf: isoDate.optional(),
    answers: z.record(z.string(), z.union([z.string().max(200), z.number()])),
  })
  .openapi('QuestionnaireAnswers');

const verdictSchema = z
  .object({ trial: z.string(), lang: z.enum(['en', 'zh']), outcome: z.enum(['may-be-eligible', 'probably-not']), message: z.string(), because: z.array(z.string()), nextSteps: z.array(z.string()) })
  .openapi('QuestionnaireVerdict');

const questionnaireRoute = createRoute({
  method: 'get',
  path: '/api/trials/{nctId}/questionnaire',
  summary: "Plain-language questions for patients, generated from the trial's rules",
  request: { params: nctIdParam, query: langQuery },
  responses: {
    200: { description: 'The questionnaire', content: { 'application/json': { schema: questionnaireSchema } } },
    404: errorResponse('Trial not in the registry, or it has no rule set'),
  },
});

const questionnaireVerdictRoute = createRoute({
  method: 'post',
  path: '/api/trials/{nctId}/questionnaire',
  summary: 'The patient-facing verdict from questionnaire answers (nothing is stored)',
  request: { params: nctIdParam, body: { required: true, content: { 'application/json': { schema: answersSchema } } } },
  responses: {
    200: { description: '"You may be eligible" with next steps, or "probably not for you" with reasons', content: { 'application/json': { schema: verdictSchema } } },
    400: errorResponse('Bad answers'),
    404: errorResponse('Trial not in the registry, or it has no rule set'),
  },
});

export const registerQuestionnaireRoutes: RouteModule = (app, deps) => {
  app.openapi(questionnaireRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const { lang } = c.req.valid('query');
    return c.json(buildQuestionnaire(await ruleSetForScreening(deps.stores, nctId), lang), 200);
  });

  app.openapi(questionnaireVerdictRoute, async (c) => {
    const { nctId } = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(questionnaireVerdict(await ruleSetForScreening(deps.stores, nctId), body.answers, { asOf: body.asOf ?? today(), lang: body.lang }), 200);
  });
};
