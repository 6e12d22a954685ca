// The eligibility rule language: one JSON-serialisable tree for hand-encoded and parsed criteria.
// A rule states a fact about the patient ("TBIL ≤ 1.5 × ULN", "has aplastic anaemia"); whether
// that fact admits or blocks entry is the criterion's kind (inclusion: must hold; exclusion: must
// not hold). Every node may carry the character span of the source text it came from.
import { z } from 'zod';
import { NCT_ID_EXPECTED, NCT_ID_PATTERN } from '../trial/nct-id.ts';

/** Character offsets [start, end) into the criterion source text (JavaScript string indices). */
export const spanSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof spanSchema>;

export const COMPARISON_OPS = ['<', '<=', '>', '>=', '=', 'between'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/**
 * A numeric threshold. `unit` is a UCUM code ("umol/L", "10*9/L", "%", "mm[Hg]", "a" for years),
 * or "xULN" / "xLLN" for multiples of the limits of normal, or "1" for unitless scores.
 * `between` is inclusive of both bounds: value ≤ x ≤ high.
 */
export const comparisonSchema = z.object({
  op: z.enum(COMPARISON_OPS),
  value: z.number(),
  high: z.number().optional(),
  unit: z.string().min(1),
  span: spanSchema.optional(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

/** A duration for look-back and time windows ("within 6 months", "in the past 5 years"). */
export const durationSchema = z.object({
  amount: z.number().nonnegative(),
  unit: z.enum(['d', 'wk', 'mo', 'a']),
});
export type Duration = z.infer<typeof durationSchema>;

/** A coded concept, e.g. {system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'D61'}. `prefix` matches descendants by code prefix (ICD-10 D61 → D61.9). */
export const codingSchema = z.object({
  system: z.string().min(1),
  code: z.string().min(1),
  display: z.string().optional(),
  prefix: z.boolean().optional(),
});
export type Coding = z.infer<typeof codingSchema>;

/**
 * A named set of codes. `concept` is an id in Eligo's clinical tables (src/core/clinical/tables/),
 * where the codes live with their source; inline `codes` extend or replace it for one rule.
 */
export const conceptRefSchema = z.object({
  concept: z.string().min(1),
  label: z.string().min(1),
  codes: z.array(codingSchema).optional(),
});
export type ConceptRef = z.infer<typeof conceptRefSchema>;

/**
 * Simplified Chinese for a node's free text (`question`, `qualifier`, `ambiguity`), written by a
 * person or by a parser template. Absent means "no translation": printers then show the English,
 * marked as untranslated. Free text taken verbatim from the (English) source has none.
 */
export const ruleTranslationSchema = z.strictObject({
  question: z.string().trim().min(1).optional(),
  qualifier: z.string().trim().min(1).optional(),
  ambiguity: z.string().trim().min(1).optional(),
});
export type RuleTranslation = z.infer<typeof ruleTranslationSchema>;

const nodeBase = {
  /** Source text span this rule came from. */
  span: spanSchema.optional(),
  /** The reading chosen where the source wording is ambiguous; shown to reviewers and in results. */
  ambiguity: z.string().optional(),
  /** Free reviewer note. */
  note: z.string().optional(),
  zh: ruleTranslationSchema.optional(),
};

/** Qualitative results in the order screening needs them. */
export const QUALITATIVE_RESULTS = ['positive', 'negative'] as const;

export const SCALES = ['ECOG', 'KARNOFSKY', 'LANSKY', 'NYHA'] as const;

export type Rule =
  | { type: 'all'; rules: Rule[]; span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation }
  | { type: 'any'; rules: Rule[]; span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation }
  | { type: 'not'; rule: Rule; span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation }
  | ObservationRule
  | AgeRule
  | SexRule
  | ConditionRule
  | ScoreRule
  | QualitativeRule
  | PregnancyRule
  | MedicationRule
  | ProcedureRule
  | AllergyRule
  | ConfirmRule;

/** A measured value (lab, vital, imaging) compared with a threshold. `analyte` is a key of the analyte table (e.g. 'bilirubin.total', 'alt', 'lvef'). */
export interface ObservationRule {
  type: 'observation';
  analyte: string;
  label?: string;
  comparison: Comparison;
  /** Most recent value within this window before the as-of date counts; older is "too old" (unknown). Default per analyte table. */
  lookback?: Duration;
  /** Free qualifier the evaluator does not compute but shows, e.g. "by echocardiography", "in the absence of anticoagulant therapy". */
  qualifier?: string;
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/** Age in whole years (or other unit) on the as-of date. */
export interface AgeRule {
  type: 'age';
  comparison: Comparison;
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

export interface SexRule {
  type: 'sex';
  sex: 'female' | 'male';
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/**
 * The patient has (had) a coded condition. `within`: onset/recorded within this period before the
 * as-of date ("in the past 5 years"); `onsetWithin` is the same but on onset only ("diagnosed within
 * six months"; unless `status` is 'active', the earliest recorded onset decides, so a disease recorded
 * again later is not new); `except`: concepts that do not count ("other than basal cell carcinoma of the skin").
 * Absent from the record → the condition is assumed absent, and the reason says so.
 */
export interface ConditionRule {
  type: 'condition';
  condition: ConceptRef;
  within?: Duration;
  onsetWithin?: Duration;
  except?: ConceptRef[];
  /** 'active' counts only clinicalStatus active/recurrence/relapse; 'any' also resolved history. Default 'any'. */
  status?: 'active' | 'any';
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/** A clinical scale score compared with a threshold (ECOG 0–2, NYHA class ≥ III as 3). */
export interface ScoreRule {
  type: 'score';
  scale: (typeof SCALES)[number];
  comparison: Comparison;
  lookback?: Duration;
  /**
   * What no score on record means: 'unknown' (default — the score is needed) or 'absent' (the rule is
   * false, "not recorded — assumed absent"), for exclusions that only a recorded score can trigger
   * ("NYHA III/IV" in a patient without heart disease on record). A score older than the look-back is unknown either way.
   */
  whenNotRecorded?: 'unknown' | 'absent';
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/** A qualitative test result, e.g. HBsAg negative. `analyte` is a key of the analyte table. */
export interface QualitativeRule {
  type: 'qualitative';
  analyte: string;
  label?: string;
  result: (typeof QUALITATIVE_RESULTS)[number];
  lookback?: Duration;
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

export interface PregnancyRule {
  type: 'pregnancy';
  state: 'pregnant' | 'lactating';
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/** Currently taking / took within a window a medication from a concept's code list (RxNorm/ATC). */
export interface MedicationRule {
  type: 'medication';
  medication: ConceptRef;
  within?: Duration;
  /** Taken at any time before ("prior chemotherapy"), not only currently; ignored when `within` is set. */
  ever?: boolean;
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/** Had a procedure (e.g. haematopoietic stem cell transplant) from a concept's code list. */
export interface ProcedureRule {
  type: 'procedure';
  procedure: ConceptRef;
  within?: Duration;
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/** Has a recorded allergy to a substance concept (or any, when `substance` is omitted) of at least the given criticality. */
export interface AllergyRule {
  type: 'allergy';
  substance?: ConceptRef;
  criticality?: 'high' | 'any';
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

/** Something only a person can establish (consent, investigator judgement, plans). Always evaluates to "confirm". */
export interface ConfirmRule {
  type: 'confirm';
  /** What the person must confirm, phrased so that "yes" means the rule's fact holds. */
  question: string;
  span?: Span; ambiguity?: string; note?: string; zh?: RuleTranslation;
}

const lookbackField = { lookback: durationSchema.optional() };

export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('all'), rules: z.array(ruleSchema).min(1), ...nodeBase }),
    z.object({ type: z.literal('any'), rules: z.array(ruleSchema).min(1), ...nodeBase }),
    z.object({ type: z.literal('not'), rule: ruleSchema, ...nodeBase }),
    z.object({ type: z.literal('observation'), analyte: z.string().min(1), label: z.string().optional(), comparison: comparisonSchema, qualifier: z.string().optional(), ...lookbackField, ...nodeBase }),
    z.object({ type: z.literal('age'), comparison: comparisonSchema, ...nodeBase }),
    z.object({ type: z.literal('sex'), sex: z.enum(['female', 'male']), ...nodeBase }),
    z.object({
      type: z.literal('condition'),
      condition: conceptRefSchema,
      within: durationSchema.optional(),
      onsetWithin: durationSchema.optional(),
      except: z.array(conceptRefSchema).optional(),
      status: z.enum(['active', 'any']).optional(),
      ...nodeBase,
    }),
    z.object({ type: z.literal('score'), scale: z.enum(SCALES), comparison: comparisonSchema, whenNotRecorded: z.enum(['unknown', 'absent']).optional(), ...lookbackField, ...nodeBase }),
    z.object({ type: z.literal('qualitative'), analyte: z.string().min(1), label: z.string().optional(), result: z.enum(QUALITATIVE_RESULTS), ...lookbackField, ...nodeBase }),
    z.object({ type: z.literal('pregnancy'), state: z.enum(['pregnant', 'lactating']), ...nodeBase }),
    z.object({ type: z.literal('medication'), medication: conceptRefSchema, within: durationSchema.optional(), ever: z.boolean().optional(), ...nodeBase }),
    z.object({ type: z.literal('procedure'), procedure: conceptRefSchema, within: durationSchema.optional(), ...nodeBase }),
    z.object({ type: z.literal('allergy'), substance: conceptRefSchema.optional(), criticality: z.enum(['high', 'any']).optional(), ...nodeBase }),
    z.object({ type: z.literal('confirm'), question: z.string().min(1), ...nodeBase }),
  ]).superRefine((rule, context) => {
    // A translation of text the node does not have would never be shown: almost certainly a slip.
    const english: Record<keyof RuleTranslation, string | undefined> = {
      question: rule.type === 'confirm' ? rule.question : undefined,
      qualifier: rule.type === 'observation' ? rule.qualifier : undefined,
      ambiguity: rule.ambiguity,
    };
    for (const field of Object.keys(rule.zh ?? {}) as (keyof RuleTranslation)[]) {
      if (english[field] === undefined) {
        context.addIssue({ code: 'custom', path: ['zh', field], message: `zh.${field} translates a "${field}" this ${rule.type} rule does not have` });
      }
    }
  }),
) as z.ZodType<Rule>;

export const CRITERION_KINDS = ['inclusion', 'exclusion'] as const;
export type CriterionKind = (typeof CRITERION_KINDS)[number];

/** How much of a criterion became rules: all of it, some of it (the rest in `unparsed`), or none. */
export const PARSE_STATUSES = ['computable', 'partial', 'needs_review'] as const;
export type ParseStatus = (typeof PARSE_STATUSES)[number];

export const criterionSchema = z.object({
  /** Stable within the rule set, e.g. "inc-2" or "exc-5". */
  id: z.string().min(1),
  kind: z.enum(CRITERION_KINDS),
  /** The criterion's source text, verbatim. */
  text: z.string().min(1),
  /** Where `text` sits in the trial's eligibility text. Rule spans are relative to the same eligibility text. */
  span: spanSchema.optional(),
  rule: ruleSchema,
  status: z.enum(PARSE_STATUSES).optional(),
  /** Parts of the text that did not become rules (for `partial`/`needs_review`). */
  unparsed: z.array(z.object({ text: z.string(), span: spanSchema.optional() })).optional(),
});
export type Criterion = z.infer<typeof criterionSchema>;

/** A trial's criteria as one versioned, reviewable unit. */
export const ruleSetSchema = z.object({
  nctId: z.string().regex(NCT_ID_PATTERN, `expected ${NCT_ID_EXPECTED}`),
  version: z.number().int().positive(),
  /** 'reviewed' sets were checked by a person against the source text; 'unreviewed' come straight from the parser. */
  review: z.enum(['reviewed', 'unreviewed']),
  reviewedBy: z.string().optional(),
  reviewedAt: z.string().optional(),
  /** Versions of the clinical tables the rules were written against (e.g. {analytes: '2026-11'}). */
  tables: z.record(z.string(), z.string()).optional(),
  criteria: z.array(criterionSchema),
});
export type RuleSet = z.infer<typeof ruleSetSchema>;
