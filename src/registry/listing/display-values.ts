// Listing pages show API v2 values the way ClinicalTrials.gov's website writes them ("Not yet recruiting",
// "Phase 1/Phase 2", "Single Group Assignment"). These functions read them back into API v2 values;
// each returns null when it does not recognise the text, so the caller can report it.
import { formatAge, type AgeUnit } from '../../core/trial/age.ts';
import {
  AGENCY_CLASSES,
  ALLOCATIONS,
  ARM_GROUP_TYPES,
  INTERVENTION_MODELS,
  INTERVENTION_TYPES,
  MASKINGS,
  OVERALL_STATUSES,
  PRIMARY_PURPOSES,
  SEXES,
  STUDY_TYPES,
  WHO_MASKED,
  type AgencyClass,
  type Allocation,
  type ArmGroupType,
  type DateType,
  type InterventionModel,
  type InterventionType,
  type Masking,
  type OverallStatus,
  type Phase,
  type PrimaryPurpose,
  type Sex,
  type StudyType,
  type WhoMasked,
} from '../../core/trial/model.ts';

/** "Active, not recruiting" → "active_not_recruiting", which matches the enum value in lower case. */
function enumKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function enumFromDisplay<T extends string>(
  values: readonly T[],
  text: string,
  aliases: Record<string, T> = {},
): T | null {
  const key = enumKey(text);
  return aliases[key] ?? values.find((value) => value.toLowerCase() === key) ?? null;
}

export function overallStatusFromDisplay(text: string): OverallStatus | null {
  return enumFromDisplay(OVERALL_STATUSES, text, { unknown_status: 'UNKNOWN' });
}

export function studyTypeFromDisplay(text: string): StudyType | null {
  // "Observational [Patient Registry]": the bracketed note is a separate field (patientRegistry).
  return enumFromDisplay(STUDY_TYPES, text.replace(/\[.*?\]/g, ''));
}

export function sexFromDisplay(text: string): Sex | null {
  return enumFromDisplay(SEXES, text, { both: 'ALL', all_genders: 'ALL', all_sexes: 'ALL' });
}

export function allocationFromDisplay(text: string): Allocation | null {
  return enumFromDisplay(ALLOCATIONS, text, { n_a: 'NA', not_applicable: 'NA' });
}

export function interventionModelFromDisplay(text: string): InterventionModel | null {
  return enumFromDisplay(INTERVENTION_MODELS, text.replace(/\s+assignment$/i, ''));
}

export function primaryPurposeFromDisplay(text: string): PrimaryPurpose | null {
  return enumFromDisplay(PRIMARY_PURPOSES, text, { educational_counseling_training: 'ECT' });
}

export function interventionTypeFromDisplay(text: string): InterventionType | null {
  return enumFromDisplay(INTERVENTION_TYPES, text);
}

export function armGroupTypeFromDisplay(text: string): ArmGroupType | null {
  return enumFromDisplay(ARM_GROUP_TYPES, text.replace(/\s+(group|arm)$/i, ''));
}

/**
 * The website groups sponsor classes into four funder types: NIH, other U.S. federal agency, industry,
 * and "Other" (everything else). We read "Other" as the class OTHER, the usual class of hospitals and
 * universities; OTHER_GOV, INDIV, NETWORK and AMBIG also display as "Other".
 */
export function agencyClassFromFunderType(text: string): AgencyClass | null {
  return enumFromDisplay(AGENCY_CLASSES, text, {
    u_s_fed: 'FED',
    other_u_s_federal_agency: 'FED',
    federal: 'FED',
  });
}

/** "None (Open label)" → NONE; "Double (Participant, Investigator)" → DOUBLE and who is masked. */
export function maskingFromDisplay(text: string): { masking: Masking; whoMasked: WhoMasked[] } | null {
  const match = /^([^(]*?)\s*(?:\((.*)\))?$/.exec(text.trim());
  if (!match) return null;
  const masking = enumFromDisplay(MASKINGS, match[1].replace(/\s+blind(ed)?$/i, ''), { open_label: 'NONE' });
  if (!masking) return null;
  const whoMasked: WhoMasked[] = [];
  for (const part of (match[2] ?? '').split(',')) {
    const who = enumFromDisplay(WHO_MASKED, part);
    if (who) whoMasked.push(who);
  }
  return { masking, whoMasked };
}

const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4' };

/** "Phase 1/Phase 2" → [PHASE1, PHASE2]; "Phase 2/3" → [PHASE2, PHASE3]; "Early Phase 1" → [EARLY_PHASE1]. */
export function phasesFromDisplay(text: string): Phase[] | null {
  const trimmed = text.trim();
  if (/^(n\/?a|not applicable)$/i.test(trimmed)) return ['NA'];
  const phases: Phase[] = [];
  for (const part of trimmed.split(/\s*(?:\/|,|\||&|\band\b)\s*/i)) {
    let phase: Phase | null = null;
    if (/^(early\s+phase\s*(1|i)|phase\s*0)$/i.test(part)) phase = 'EARLY_PHASE1';
    else {
      const numbered = /^(?:phase\s*)?([1-4]|iv|i{1,3})$/i.exec(part);
      if (numbered) phase = `PHASE${ROMAN[numbered[1].toLowerCase()] ?? numbered[1]}` as Phase;
    }
    if (!phase) return null;
    if (!phases.includes(phase)) phases.push(phase);
  }
  return phases.length > 0 ? phases : null;
}

/** "No", "No Healthy Volunteers" → false; "Yes", "Accepts Healthy Volunteers" → true. */
export function healthyVolunteersFromDisplay(text: string): boolean | null {
  if (/^(no|false)\b/i.test(text.trim())) return false;
  if (/^(yes|true|accepts)\b/i.test(text.trim())) return true;
  return null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "2026-04-01", "April 1, 2026", "April 2026", "2026-04 (Estimated)" → a PartialDate and, when shown, its type. */
export function dateFromDisplay(text: string): { date: string; type?: DateType } | null {
  let rest = text.trim();
  let type: DateType | undefined;
  const typeNote = /\s*[([]?\s*(actual|estimated|anticipated)\s*[)\]]?$/i.exec(rest);
  if (typeNote) {
    type = typeNote[1].toLowerCase() === 'actual' ? 'ACTUAL' : 'ESTIMATED';
    rest = rest.slice(0, typeNote.index).trim();
  }
  const iso = /^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?$/.exec(rest);
  const named = /^([a-z]+)\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$/i.exec(rest);
  let date: string | null = null;
  if (iso) date = [iso[1], iso[2], iso[3]].filter(Boolean).map((part, i) => (i === 0 ? part : part!.padStart(2, '0'))).join('-');
  else if (named) {
    const month = MONTHS.findIndex((name) => name.startsWith(named[1].toLowerCase()) && named[1].length >= 3);
    if (month >= 0) {
      date = [named[3], String(month + 1).padStart(2, '0'), named[2]?.padStart(2, '0')].filter(Boolean).join('-');
    }
  }
  if (!date) return null;
  return type ? { date, type } : { date };
}

/** "10 estimated patients" → 10, ESTIMATED; "0" → 0 with no type (the label may say which). */
export function enrollmentFromDisplay(text: string): { count: number; type?: DateType } | null {
  const match = /^(\d[\d,]*)\b(.*)$/.exec(text.trim());
  if (!match) return null;
  const count = Number(match[1].replace(/,/g, ''));
  if (/\b(estimated|anticipated|target)\b/i.test(match[2])) return { count, type: 'ESTIMATED' };
  if (/\bactual\b/i.test(match[2])) return { count, type: 'ACTUAL' };
  return { count };
}

const AGE_UNIT = '(years?|months?|weeks?|days?|hours?|minutes?)';

function ageUnit(text: string | undefined): AgeUnit {
  const singular = (text ?? 'years').toLowerCase().replace(/s$/, '');
  return (singular.charAt(0).toUpperCase() + singular.slice(1)) as AgeUnit;
}

/** "14 to 60 years old" → 14 Years / 60 Years; "18+ years old", "18 Years and older"; "Up to 17 years old". */
export function ageRangeFromDisplay(text: string): { minimumAge?: string; maximumAge?: string } | null {
  const trimmed = text.trim().replace(/\s+old$/i, '');
  const range = new RegExp(`^(\\d+)\\s*${AGE_UNIT}?\\s*(?:to|-|–)\\s*(\\d+)\\s*${AGE_UNIT}$`, 'i').exec(trimmed);
  if (range) {
    return {
      minimumAge: formatAge(Number(range[1]), ageUnit(range[2] ?? range[4])),
      maximumAge: formatAge(Number(range[3]), ageUnit(range[4])),
    };
  }
  const atLeast = new RegExp(`^(\\d+)\\s*(?:\\+\\s*${AGE_UNIT}?|${AGE_UNIT}?\\s*(?:\\+|and\\s+(?:older|over|above)))$`, 'i').exec(trimmed);
  if (atLeast) return { minimumAge: formatAge(Number(atLeast[1]), ageUnit(atLeast[2] ?? atLeast[3])) };
  const upTo = new RegExp(`^(?:up\\s+to|≤)\\s*(\\d+)\\s*${AGE_UNIT}?$`, 'i').exec(trimmed);
  if (upTo) return { maximumAge: formatAge(Number(upTo[1]), ageUnit(upTo[2])) };
  return null;
}

/** "18 Years", "18 years", "6 months" → the API's spelling; null when it is not one number and one unit. */
export function ageFromDisplay(text: string): string | null {
  const single = new RegExp(`^(\\d+)\\s*${AGE_UNIT}(?:\\s+old)?$`, 'i').exec(text.trim());
  return single ? formatAge(Number(single[1]), ageUnit(single[2])) : null;
}

/** "Biological: mesenchymal stem cells" → BIOLOGICAL, "mesenchymal stem cells"; null when no known type prefix. */
export function interventionFromDisplay(text: string): { type: InterventionType; name: string } | null {
  const match = /^([A-Za-z][A-Za-z /-]*?)\s*:\s*(.+)$/.exec(text.trim());
  if (!match) return null;
  const type = interventionTypeFromDisplay(match[1]);
  return type ? { type, name: match[2].trim() } : null;
}
