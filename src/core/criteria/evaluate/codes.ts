// Matching coded facts (diagnoses, medications, procedures, allergies) against a rule's concept.
import { conceptById, conceptCodes, CODE_SYSTEMS } from '../../clinical/tables/conditions.ts';
import { explain, type Named } from '../explain/messages.ts';
import type { Coding, ConceptRef } from '../rules.ts';
import { leaf, NONE, type Outcome } from './outcome.ts';
import type { Evidence, Truth } from './types.ts';

export interface CodeMatcher {
  exact: Set<string>;
  prefixes: Array<{ system: string; code: string }>;
  known: boolean;
}

const matchers = new Map<string, CodeMatcher>();

export function matcherFor(ref: ConceptRef): CodeMatcher {
  const key = ref.codes ? `${ref.concept}\u0000${JSON.stringify(ref.codes)}` : ref.concept;
  let matcher = matchers.get(key);
  if (!matcher) {
    const known = conceptById(ref.concept) !== undefined;
    const codes: Coding[] = [...(known ? conceptCodes(ref.concept) : []), ...(ref.codes ?? [])];
    matcher = { exact: new Set(), prefixes: [], known: known || (ref.codes?.length ?? 0) > 0 };
    for (const coding of codes) {
      const systems = coding.system === CODE_SYSTEMS.icd10cm ? [CODE_SYSTEMS.icd10cm, CODE_SYSTEMS.icd10] : [coding.system];
      for (const system of systems) {
        if (coding.prefix) matcher.prefixes.push({ system, code: coding.code.toUpperCase() });
        else matcher.exact.add(`${system}|${coding.code.toUpperCase()}`);
      }
    }
    matchers.set(key, matcher);
  }
  return matcher;
}

export function matches(matcher: CodeMatcher, codings: readonly Coding[]): boolean {
  for (const coding of codings) {
    const code = coding.code.toUpperCase();
    if (matcher.exact.has(`${coding.system}|${code}`)) return true;
    for (const prefix of matcher.prefixes) if (prefix.system === coding.system && code.startsWith(prefix.code)) return true;
  }
  return false;
}

export function unknownConcept(ref: ConceptRef): Outcome {
  return leaf('unknown', explain('concept.unknown', { concept: ref.concept }), NONE, [explain('missing.concept', { concept: conceptName(ref) })]);
}

/** The rule's concept in both languages (Chinese from the concept table). */
export function conceptName(ref: ConceptRef): Named {
  const zh = conceptById(ref.concept)?.label.zh;
  return zh ? { en: ref.label, zh } : { en: ref.label };
}

/** A recorded fact's name: the record's own text, and in Chinese the name of the concept it matched. */
export function factName(label: string, ref: ConceptRef | undefined): Named {
  const zh = ref ? conceptById(ref.concept)?.label.zh : undefined;
  return zh ? { en: label, zh } : { en: label };
}

type CodedKind = 'condition' | 'medication' | 'procedure' | 'allergy' | 'pregnancy' | 'lactation';

/** Evidence for a coded fact (diagnosis, medication, procedure, allergy). */
export function codedEvidence(kind: CodedKind, fact: { label: string; code?: string; date?: string; criticality?: string; source?: string }, ref: ConceptRef | undefined, outcome: Truth): Evidence {
  const name = factName(fact.label, ref);
  const explanation = explain('evidence.fact', { fact: name, code: fact.code, date: fact.date, criticality: fact.criticality });
  const value = kind === 'allergy' ? fact.criticality : kind === 'medication' || kind === 'procedure' ? undefined : fact.code;
  return { kind, label: fact.label, labelZh: name.zh ?? fact.label, ...(value !== undefined ? { value } : {}), date: fact.date, source: fact.source, outcome, explanation };
}
