// The evaluator's public face; the work is split by job under evaluate/ (one evaluator per leaf kind,
// the rule-tree combinator, and the criterion explainer in evaluate/index.ts).
export * from './evaluate/index.ts';
