// Reads the text of a trial listing page (as copied from a registry mirror) into an API v2 record.
// Two layouts are known: "Overview … Status: … Details Lead Sponsor: … Criteria" and ClinicalTrials.Veeva's
// ("Status and phase", "Identifiers", "Trial design" …). Labels may come in any order and sections may be
// missing; a label we do not know, or a value we cannot read, is reported as a warning and never guessed.
import { criteriaHeading } from '../../core/trial/criteria-text.ts';
import { parseTrial, type Trial } from '../../core/trial/model.ts';
import {
  ageFromDisplay,
  ageRangeFromDisplay,
  agencyClassFromFunderType,
  allocationFromDisplay,
  dateFromDisplay,
  enrollmentFromDisplay,
  healthyVolunteersFromDisplay,
  interventionFromDisplay,
  interventionModelFromDisplay,
  maskingFromDisplay,
  overallStatusFromDisplay,
  phasesFromDisplay,
  primaryPurposeFromDisplay,
  sexFromDisplay,
  studyTypeFromDisplay,
} from './display-values.ts';
import { applySupplement, type ListingSupplement } from './supplement.ts';
import { nonBlank, preview, RecordBuilder } from './record-builder.ts';
import { ARM_SUB_LABEL, ARMS_SUMMARY_LINE, readArms, readContacts, readIdentifiers, resolveNctId } from './fields.ts';

export type { ListingSupplement } from './supplement.ts';

export type ParseListingOptions = {
  /** The NCT number, for pages that do not show it. If the page shows a different one, that is an error. */
  nctId?: string;
  /** Facts from other sources, merged where the page is silent (the page wins any conflict). */
  supplement?: ListingSupplement;
  /** Names the text in the record's `eligoProvenance.source` (e.g. the file it was read from). */
  source?: string;
};

export type ListingError = { path?: string; message: string };
export type ParseListingResult =
  | { ok: true; trial: Trial; warnings: string[] }
  | { ok: false; errors: ListingError[]; warnings: string[] };

type SectionKind = 'heading' | 'value' | 'text' | 'unsupported';
type LabelKey =
  | 'overview' | 'heading' | 'title' | 'officialTitle' | 'acronym' | 'status' | 'statusAndPhase' | 'phase'
  | 'startDate' | 'primaryCompletionDate' | 'completionDate' | 'enrollment' | 'targetEnrollment' | 'actualEnrollment'
  | 'sex' | 'summary' | 'detailedDescription' | 'healthyVolunteers' | 'leadSponsor' | 'collaborators' | 'funderTypes'
  | 'treatments' | 'conditions' | 'keywords' | 'studyType' | 'identifiers' | 'criteria' | 'inclusion' | 'exclusion'
  | 'ages' | 'minimumAge' | 'maximumAge' | 'primaryPurpose' | 'allocation' | 'interventionModel' | 'masking'
  | 'arms' | 'centralContacts' | 'contactsAndLocations' | 'unsupported' | 'unknown';

type Section = { key: LabelKey; label: string; line: number; lines: string[] };

const LABELS: Record<string, { key: LabelKey; kind: SectionKind }> = {};
function defineLabels(key: LabelKey, kind: SectionKind, names: string[]): void {
  for (const name of names) LABELS[name] = { key, kind };
}
defineLabels('overview', 'heading', ['overview']);
defineLabels('heading', 'heading', ['details', 'details and patient eligibility', 'trial design', 'study design', 'eligibility', 'participation requirements']);
defineLabels('title', 'value', ['title', 'brief title', 'study title']);
defineLabels('officialTitle', 'value', ['official title']);
defineLabels('acronym', 'value', ['acronym']);
defineLabels('status', 'value', ['status', 'overall status', 'recruitment status', 'study status']);
defineLabels('statusAndPhase', 'value', ['status and phase']);
defineLabels('phase', 'value', ['phase', 'phases', 'study phase']);
defineLabels('startDate', 'value', ['start date', 'study start', 'trial start date']);
defineLabels('primaryCompletionDate', 'value', ['primary completion date', 'primary completion']);
defineLabels('completionDate', 'value', ['trial end date', 'end date', 'completion date', 'study completion', 'study completion date']);
defineLabels('enrollment', 'value', ['enrollment']);
defineLabels('targetEnrollment', 'value', ['target enrollment', 'estimated enrollment', 'anticipated enrollment']);
defineLabels('actualEnrollment', 'value', ['actual enrollment']);
defineLabels('sex', 'value', ['sex', 'gender', 'participant gender', 'sexes eligible for study']);
defineLabels('summary', 'text', ['summary', 'about', 'brief summary']);
defineLabels('detailedDescription', 'text', ['full description', 'detailed description', 'description']);
defineLabels('healthyVolunteers', 'value', ['accepts healthy volunteers', 'healthy volunteers', 'volunteers', 'accepts healthy volunteers?']);
defineLabels('leadSponsor', 'value', ['lead sponsor', 'sponsor']);
defineLabels('collaborators', 'value', ['collaborators', 'collaborator']);
defineLabels('funderTypes', 'value', ['funder types', 'funder type']);
defineLabels('treatments', 'value', ['treatments', 'interventions']);
defineLabels('conditions', 'value', ['conditions', 'condition']);
defineLabels('keywords', 'value', ['keywords']);
defineLabels('studyType', 'value', ['study type']);
defineLabels('identifiers', 'value', ['identifiers', 'nct number', 'nct id', 'study ids']);
defineLabels('criteria', 'text', ['criteria', 'eligibility criteria']);
defineLabels('inclusion', 'text', ['inclusion criteria']);
defineLabels('exclusion', 'text', ['exclusion criteria']);
defineLabels('ages', 'value', ['ages', 'age', 'ages eligible for study', 'age range']);
defineLabels('minimumAge', 'value', ['minimum age']);
defineLabels('maximumAge', 'value', ['maximum age']);
defineLabels('primaryPurpose', 'value', ['primary purpose']);
defineLabels('allocation', 'value', ['allocation']);
defineLabels('interventionModel', 'value', ['interventional model', 'intervention model']);
defineLabels('masking', 'value', ['masking']);
defineLabels('arms', 'text', ['arms', 'arm groups', 'study arms', 'arms and interventions']);
defineLabels('centralContacts', 'value', ['central trial contact', 'central contact', 'central contacts', 'contact']);
defineLabels('contactsAndLocations', 'value', ['trial contacts and locations', 'contacts and locations']);
defineLabels('unsupported', 'unsupported', [
  'locations', 'primary outcome', 'primary outcomes', 'secondary outcome', 'secondary outcomes', 'outcome measures',
  'last updated', 'first posted', 'sponsor/collaborators', 'references', 'publications',
]);

/** Site navigation and placeholders that are not part of the trial. */
const CHROME_LINE = /^(clinicaltrials\.veeva|menu|loading\.\.\.|loading…)$/i;
/** Everything from this line on is the site's footer. */
const FOOTER_LINE = /^data sourced from clinicaltrials\.gov\.?$/i;
/** A short capitalised line ending in ":" or "?" where a label is expected, e.g. "Locations:". */
const LABEL_SHAPED_LINE = /^[A-Z][A-Za-z0-9 /&'(),-]{1,48}[:?]$/;

function normaliseLabel(text: string): string {
  return text.trim().replace(/\s*[:?]$/, '').replace(/\s+/g, ' ').toLowerCase();
}


/** Parses one listing page; `options.nctId` is needed when the page does not show the NCT number. */
export function parseListing(text: string, options: ParseListingOptions = {}): ParseListingResult {
  const warnings: string[] = [];
  const { preamble, sections } = segment(text, warnings);
  if (sections.length === 0) {
    return {
      ok: false,
      warnings,
      errors: [{ message: 'no listing labels found: expected a trial listing page with labels such as "Status:", "Phase:", "Conditions", "Identifiers" or "Inclusion criteria"' }],
    };
  }

  const builder = new RecordBuilder(warnings);
  readPreamble(preamble, builder);
  for (const section of sections) readSection(section, builder);
  builder.finish();

  const errors: ListingError[] = [];
  resolveNctId(builder, text, options, errors, warnings);
  if (errors.length > 0) return { ok: false, errors, warnings };

  const record = builder.record;
  const supplemented = options.supplement ? applySupplement(record, options.supplement, warnings) : [];
  if (options.source !== undefined || supplemented.length > 0) {
    const supplementedFrom = Object.fromEntries(supplemented.map((path) => [path, options.supplement![path].source]));
    record.eligoProvenance = {
      source: options.source ?? 'listing text',
      ...(supplemented.length > 0 ? { supplementedFrom } : {}),
    };
  }

  const checked = parseTrial(record);
  if (!checked.ok) return { ok: false, errors: checked.issues, warnings };
  return { ok: true, trial: checked.trial, warnings };
}

function segment(text: string, warnings: string[]): { preamble: string[]; sections: Section[] } {
  const preamble: string[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  const lines = text.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (FOOTER_LINE.test(line)) break;
    if (CHROME_LINE.test(line)) continue;
    const kind = current ? sectionKind(current) : null;
    const label = matchLabel(line, current, kind);
    if (label) {
      current = { key: label.key, label: label.label, line: index + 1, lines: label.inline ? [label.inline] : [] };
      sections.push(current);
    } else if (current && (kind === 'value' || kind === 'heading') && LABEL_SHAPED_LINE.test(line)) {
      current = { key: 'unknown', label: line, line: index + 1, lines: [] };
      sections.push(current);
    } else if (current) {
      current.lines.push(line);
    } else if (line !== '') {
      preamble.push(line);
    }
  }
  for (const section of sections) {
    if (section.key === 'unknown' || section.key === 'unsupported') {
      const values = nonBlank(section.lines);
      const what = section.key === 'unknown' ? 'unknown label' : 'label not imported';
      warnings.push(`line ${section.line}: ${what} "${section.label}"${values.length ? `; ${values.length} line(s) skipped: ${preview(values)}` : ''}`);
    }
  }
  return { preamble, sections };
}

function sectionKind(section: Section): SectionKind {
  if (section.key === 'unknown') return 'value';
  return LABELS[normaliseLabel(section.label)]?.kind ?? 'text';
}

function matchLabel(line: string, current: Section | null, kind: SectionKind | null): { key: LabelKey; label: string; inline?: string } | null {
  if (line === '') return null;
  if (current?.key === 'arms' && ARM_SUB_LABEL.test(line)) return null;
  if (ARMS_SUMMARY_LINE.test(line)) return { key: 'arms', label: line, inline: line };
  // A label without a value yet takes the next line as its value even if it reads like a label
  // ("Primary purpose" / "Treatment"), unless that line ends like a label ("Phase:").
  const awaitingValue = kind === 'value' && current !== null && nonBlank(current.lines).length === 0;
  if (awaitingValue && !/[:?]$/.test(line)) return null;
  const whole = LABELS[normaliseLabel(line)];
  if (whole) return { key: whole.key, label: line };
  // "Status: Recruiting" on one line; not inside free text, where "Note: …" is just text.
  if (kind !== 'text') {
    const inline = /^([^:]{2,40}):\s+(.+)$/.exec(line);
    const known = inline ? LABELS[normaliseLabel(inline[1])] : undefined;
    if (inline && known && known.kind !== 'text') return { key: known.key, label: inline[1], inline: inline[2] };
  }
  return null;
}

/** Veeva pages open with the title, then the sponsor under a one-letter avatar ("H" / "Hebei Medical University"). */
function readPreamble(preamble: string[], builder: RecordBuilder): void {
  for (let index = 0; index < preamble.length; index++) {
    const line = preamble[index];
    const next = preamble[index + 1];
    if (index === 0) builder.put('identificationModule.briefTitle', line, 'Title');
    else if (/^[A-Z0-9]$/.test(line) && next?.toUpperCase().startsWith(line)) {
      builder.put('sponsorCollaboratorsModule.leadSponsor.name', next, 'Sponsor');
      index++;
    } else builder.warn(`Page header`, `line not understood, not imported: ${JSON.stringify(line)}`);
  }
}

function readSection(section: Section, builder: RecordBuilder): void {
  const values = nonBlank(section.lines);
  const where = `line ${section.line} (${section.label.replace(/[:?]$/, '')})`;
  const single = (): string | null => {
    if (values.length === 0) return null;
    if (values.length > 1) builder.warn(where, `expected one value; extra line(s) not imported: ${preview(values.slice(1))}`);
    return values[0];
  };
  const unreadable = (value: string, expected: string) =>
    builder.warn(where, `${JSON.stringify(value)} not understood (expected ${expected}); not imported`);
  const readEnum = <T>(path: string, parse: (text: string) => T | null, expected: string) => {
    const value = single();
    if (value === null) return;
    const parsed = parse(value);
    if (parsed === null) unreadable(value, expected);
    else builder.put(path, parsed, where);
  };
  const readDate = (path: string) => {
    const value = single();
    if (value === null) return;
    const date = dateFromDisplay(value);
    if (date) builder.put(path, date, where);
    else unreadable(value, 'a date such as 2026-04-01 or April 2026');
  };

  switch (section.key) {
    case 'unknown':
    case 'unsupported':
      return;
    case 'heading':
      if (values.length > 0) builder.warn(where, `text under a heading not imported: ${preview(values)}`);
      return;
    case 'overview':
    case 'title': {
      const title = single();
      if (title !== null) builder.put('identificationModule.briefTitle', title, where);
      return;
    }
    case 'officialTitle': {
      const title = single();
      if (title !== null) builder.put('identificationModule.officialTitle', title, where);
      return;
    }
    case 'acronym': {
      const acronym = single();
      if (acronym !== null) builder.put('identificationModule.acronym', acronym, where);
      return;
    }
    case 'status':
      return readEnum('statusModule.overallStatus', overallStatusFromDisplay, 'a status such as "Recruiting"');
    case 'phase':
      return readEnum('designModule.phases', phasesFromDisplay, 'a phase such as "Phase 1/Phase 2"');
    case 'statusAndPhase':
      for (const value of values) {
        const status = overallStatusFromDisplay(value);
        const phases = status ? null : phasesFromDisplay(value);
        if (status) builder.put('statusModule.overallStatus', status, where);
        else if (phases) builder.put('designModule.phases', phases, where);
        else unreadable(value, 'a status or a phase');
      }
      return;
    case 'startDate':
      return readDate('statusModule.startDateStruct');
    case 'primaryCompletionDate':
      return readDate('statusModule.primaryCompletionDateStruct');
    case 'completionDate':
      return readDate('statusModule.completionDateStruct');
    case 'enrollment':
    case 'targetEnrollment':
    case 'actualEnrollment': {
      const value = single();
      if (value === null) return;
      const enrollment = enrollmentFromDisplay(value);
      if (!enrollment) return unreadable(value, 'a number of participants');
      // "Target enrollment" is the anticipated number, which API v2 marks ESTIMATED.
      const labelType = section.key === 'targetEnrollment' ? 'ESTIMATED' : section.key === 'actualEnrollment' ? 'ACTUAL' : undefined;
      const type = enrollment.type ?? labelType;
      builder.put('designModule.enrollmentInfo', type ? { count: enrollment.count, type } : { count: enrollment.count }, where);
      return;
    }
    case 'sex':
      return readEnum('eligibilityModule.sex', sexFromDisplay, 'All, Female or Male');
    case 'healthyVolunteers':
      return readEnum('eligibilityModule.healthyVolunteers', healthyVolunteersFromDisplay, 'Yes or No');
    case 'summary':
      if (values.length > 0) builder.put('descriptionModule.briefSummary', values.join('\n\n'), where);
      return;
    case 'detailedDescription':
      if (values.length > 0) builder.put('descriptionModule.detailedDescription', values.join('\n\n'), where);
      return;
    case 'leadSponsor': {
      const sponsor = single();
      if (sponsor !== null) builder.put('sponsorCollaboratorsModule.leadSponsor.name', sponsor, where);
      return;
    }
    case 'collaborators':
      if (values.length > 0) builder.put('sponsorCollaboratorsModule.collaborators', values.map((name) => ({ name })), where);
      return;
    case 'funderTypes':
      for (const value of values) {
        const agencyClass = agencyClassFromFunderType(value);
        if (agencyClass) builder.funderClasses.push(agencyClass);
        else unreadable(value, 'NIH, Other U.S. Federal agency, Industry or Other');
      }
      return;
    case 'treatments':
      for (const value of values) {
        const intervention = interventionFromDisplay(value);
        // Without a type ("Drug: …") a treatment is one of the MeSH terms the registry derived, not an intervention name.
        if (intervention) builder.intervention(intervention.type, intervention.name);
        else if (!builder.browseTerms.includes(value)) builder.browseTerms.push(value);
      }
      return;
    case 'conditions':
      if (values.length > 0) builder.put('conditionsModule.conditions', values, where);
      return;
    case 'keywords':
      if (values.length > 0) builder.put('conditionsModule.keywords', values, where);
      return;
    case 'studyType':
      return readEnum('designModule.studyType', studyTypeFromDisplay, 'Interventional, Observational or Expanded Access');
    case 'identifiers':
      readIdentifiers(values, builder, where);
      return;
    case 'criteria':
      builder.criteriaText.push(section.lines.join('\n'));
      return;
    case 'inclusion':
    case 'exclusion':
      builder.criteriaText.push(`${criteriaHeading(section.key)}\n\n${section.lines.join('\n')}`);
      return;
    case 'ages': {
      const value = single();
      if (value === null) return;
      const ages = ageRangeFromDisplay(value);
      if (!ages) return unreadable(value, 'an age range such as "14 to 60 years old"');
      if (ages.minimumAge) builder.put('eligibilityModule.minimumAge', ages.minimumAge, where);
      if (ages.maximumAge) builder.put('eligibilityModule.maximumAge', ages.maximumAge, where);
      return;
    }
    case 'minimumAge':
      return readEnum('eligibilityModule.minimumAge', ageFromDisplay, 'an age such as "18 Years"');
    case 'maximumAge':
      return readEnum('eligibilityModule.maximumAge', ageFromDisplay, 'an age such as "65 Years"');
    case 'primaryPurpose':
      return readEnum('designModule.designInfo.primaryPurpose', primaryPurposeFromDisplay, 'a purpose such as "Treatment"');
    case 'allocation':
      return readEnum('designModule.designInfo.allocation', allocationFromDisplay, 'Randomized, Non-Randomized or N/A');
    case 'interventionModel':
      return readEnum('designModule.designInfo.interventionModel', interventionModelFromDisplay, 'a model such as "Parallel Assignment"');
    case 'masking': {
      const value = single();
      if (value === null) return;
      const masking = maskingFromDisplay(value);
      if (!masking) return unreadable(value, 'None (Open label), Single, Double, Triple or Quadruple');
      builder.put('designModule.designInfo.maskingInfo', masking.whoMasked.length ? masking : { masking: masking.masking }, where);
      return;
    }
    case 'arms':
      readArms(section.lines, builder, where);
      return;
    case 'centralContacts':
      readContacts(values, builder, where);
      return;
    case 'contactsAndLocations': {
      const [count, ...rest] = values;
      if (count !== undefined && /^\d+$/.test(count)) builder.declaredLocationCount = Number(count);
      else if (count !== undefined) rest.unshift(count);
      if (rest.length > 0) builder.warn(where, `not imported: ${preview(rest)}`);
      return;
    }
  }
}
