// Reads the text of a trial listing page (as copied from a registry mirror) into an API v2 record.
// Two layouts are known: "Overview … Status: … Details Lead Sponsor: … Criteria" and ClinicalTrials.Veeva's
// ("Status and phase", "Identifiers", "Trial design" …). Labels may come in any order and sections may be
// missing; a label we do not know, or a value we cannot read, is reported as a warning and never guessed.
import {
  criteriaHeading,
  formatCriteriaSections,
  parseCriteriaSections,
  type CriteriaSection,
} from '../../core/trial/criteria-text.ts';
import { NCT_ID_PATTERN, parseTrial, type Trial } from '../../core/trial/model.ts';
import { nctIdsIn } from '../../core/trial/nct-id.ts';
import {
  ageFromDisplay,
  ageRangeFromDisplay,
  agencyClassFromFunderType,
  allocationFromDisplay,
  armGroupTypeFromDisplay,
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
import { applySupplement, getAtPath, setAtPath, type ListingSupplement } from './supplement.ts';

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
/** Veeva's line above the arms: "10 participants in 1 patient group". */
const ARMS_SUMMARY_LINE = /^(\d+) participants? in (\d+) (?:patient )?groups?$/i;
const ARM_SUB_LABEL = /^(description|treatments?)\s*:/i;
/** A short capitalised line ending in ":" or "?" where a label is expected, e.g. "Locations:". */
const LABEL_SHAPED_LINE = /^[A-Z][A-Za-z0-9 /&'(),-]{1,48}[:?]$/;
const NCT_ID_PATH = 'protocolSection.identificationModule.nctId';

function normaliseLabel(text: string): string {
  return text.trim().replace(/\s*[:?]$/, '').replace(/\s+/g, ' ').toLowerCase();
}

type PlainObject = Record<string, unknown>;

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

function nonBlank(lines: string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line !== '');
}

function preview(values: string[]): string {
  const joined = values.join(' | ');
  return JSON.stringify(joined.length > 120 ? `${joined.slice(0, 117)}...` : joined);
}

type InterventionDraft = { type: string; name: string; armGroupLabels: string[] };
type ArmDraft = { label: string; type?: string; description?: string; interventionNames: string[] };

/** Collects values by field path; the first value for a field wins and a differing later one is reported. */
class RecordBuilder {
  readonly record: PlainObject = { protocolSection: {} };
  readonly warnings: string[];
  readonly interventions: InterventionDraft[] = [];
  readonly arms: ArmDraft[] = [];
  readonly browseTerms: string[] = [];
  readonly funderClasses: string[] = [];
  readonly criteriaText: string[] = [];
  readonly nctIds: string[] = [];
  declaredArmCount: number | null = null;
  declaredLocationCount: number | null = null;

  constructor(warnings: string[]) {
    this.warnings = warnings;
  }

  put(path: string, value: unknown, where: string): void {
    const fullPath = `protocolSection.${path}`;
    const existing = getAtPath(this.record, fullPath);
    if (existing === undefined) setAtPath(this.record, fullPath, value);
    else if (JSON.stringify(existing) !== JSON.stringify(value)) {
      this.warn(where, `${JSON.stringify(value)} for ${path} ignored: already read ${JSON.stringify(existing)}`);
    }
  }

  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
  }

  intervention(type: string, name: string): InterventionDraft {
    const key = (candidate: { type: string; name: string }) => `${candidate.type}|${candidate.name.toLowerCase()}`;
    let found = this.interventions.find((candidate) => key(candidate) === key({ type, name }));
    if (!found) {
      found = { type, name, armGroupLabels: [] };
      this.interventions.push(found);
    }
    return found;
  }

  finish(): void {
    if (this.interventions.length > 0) {
      this.put(
        'armsInterventionsModule.interventions',
        this.interventions.map(({ type, name, armGroupLabels }) => ({ type, name, ...(armGroupLabels.length ? { armGroupLabels } : {}) })),
        'Treatments',
      );
    }
    if (this.arms.length > 0) {
      this.put(
        'armsInterventionsModule.armGroups',
        this.arms.map((arm) => dropUndefined({ ...arm, interventionNames: arm.interventionNames.length ? arm.interventionNames : undefined })),
        'Arms',
      );
    }
    if (this.declaredArmCount !== null && this.declaredArmCount !== this.arms.length) {
      this.warn('Arms', `the page announces ${this.declaredArmCount} group(s) but ${this.arms.length} were read`);
    }
    if (this.browseTerms.length > 0) {
      setAtPath(this.record, 'derivedSection.interventionBrowseModule.browseLeaves', this.browseTerms.map((name) => ({ name })));
    }
    if (this.criteriaText.length > 0) {
      const criteria = formatCriteriaSections(canonicalCriteria(parseCriteriaSections(this.criteriaText.join('\n\n'))));
      if (criteria !== '') this.put('eligibilityModule.eligibilityCriteria', criteria, 'Criteria');
    }
    this.assignFunderClasses();
    const locations = getAtPath(this.record, 'protocolSection.contactsLocationsModule.locations');
    if (this.declaredLocationCount && locations === undefined) {
      this.warn('Trial contacts and locations', `the page counts ${this.declaredLocationCount} location(s) but shows no location details; none imported`);
    }
  }

  /** Funder types say which class each funder has only when there is a single funder: the lead sponsor. */
  private assignFunderClasses(): void {
    if (this.funderClasses.length === 0) return;
    const collaborators = getAtPath(this.record, 'protocolSection.sponsorCollaboratorsModule.collaborators');
    if (this.funderClasses.length === 1 && collaborators === undefined) {
      this.put('sponsorCollaboratorsModule.leadSponsor.class', this.funderClasses[0], 'Funder types');
    } else {
      this.warn('Funder types', `${this.funderClasses.join(', ')} cannot be matched to particular sponsors; not imported`);
    }
  }
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** ClinicalTrials.gov style: "Inclusion Criteria:" headings and "*" bullets (pages render them as "•"). */
function canonicalCriteria(sections: CriteriaSection[]): CriteriaSection[] {
  return sections.map((section) => ({
    ...section,
    heading:
      section.kind !== 'other' && section.heading && /^(inclusion|exclusion)( criteria)?:?$/i.test(section.heading)
        ? criteriaHeading(section.kind)
        : section.heading,
    items: section.items.map((item) => ({
      ...item,
      marker: item.marker === null || /[0-9a-z]/i.test(item.marker) ? item.marker : '*',
    })),
  }));
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

/** The NCT number first; then the sponsor's own protocol number; any further ids are secondary ids. */
function readIdentifiers(values: string[], builder: RecordBuilder, where: string): void {
  const otherIds: string[] = [];
  for (const value of values) {
    if (NCT_ID_PATTERN.test(value)) builder.nctIds.push(value);
    else otherIds.push(value);
  }
  const [orgStudyId, ...secondaryIds] = otherIds;
  if (orgStudyId !== undefined) builder.put('identificationModule.orgStudyIdInfo', { id: orgStudyId }, where);
  if (secondaryIds.length > 0) builder.put('identificationModule.secondaryIdInfos', secondaryIds.map((id) => ({ id })), where);
}

/** Veeva's arm blocks: label, "<Type> group", "Description:" text, "Treatment:" lines "<Type>: <name>". */
function readArms(lines: string[], builder: RecordBuilder, where: string): void {
  const values = nonBlank(lines);
  let arm: ArmDraft | null = null;
  let field: 'description' | 'treatment' | null = null;
  for (let index = 0; index < values.length; index++) {
    const line = values[index];
    const summary = ARMS_SUMMARY_LINE.exec(line);
    if (summary) {
      builder.declaredArmCount = Number(summary[2]);
      continue;
    }
    const armType = index + 1 < values.length ? armGroupTypeFromDisplay(values[index + 1]) : null;
    if (armType && !ARM_SUB_LABEL.test(line)) {
      arm = { label: line, type: armType, interventionNames: [] };
      builder.arms.push(arm);
      field = null;
      index++;
      continue;
    }
    const subLabel = /^(description|treatments?)\s*:\s*(.*)$/i.exec(line);
    const content = subLabel ? subLabel[2] : line;
    if (subLabel) field = subLabel[1].toLowerCase() === 'description' ? 'description' : 'treatment';
    if (content === '') continue;
    if (!arm || !field) {
      builder.warn(where, `line not understood, not imported: ${JSON.stringify(line)}`);
    } else if (field === 'description') {
      arm.description = arm.description ? `${arm.description}\n\n${content}` : content;
    } else {
      const intervention = interventionFromDisplay(content);
      if (!intervention) {
        builder.warn(where, `treatment ${JSON.stringify(content)} has no type such as "Drug:"; not imported`);
        continue;
      }
      arm.interventionNames.push(content);
      const known = builder.intervention(intervention.type, intervention.name);
      if (!known.armGroupLabels.includes(arm.label)) known.armGroupLabels.push(arm.label);
    }
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]{6,}(?:\s*(?:ext\.?|x)\s*\d+)?$/i;

/** Each name line starts a contact; phone and e-mail lines belong to the contact above them. */
function readContacts(values: string[], builder: RecordBuilder, where: string): void {
  const contacts: PlainObject[] = [];
  for (const value of values) {
    const current = contacts[contacts.length - 1];
    if (EMAIL.test(value) && current) current.email = value;
    else if (PHONE.test(value) && current) current.phone = value;
    else contacts.push({ name: value, role: 'CONTACT' });
  }
  if (contacts.length > 0) builder.put('contactsLocationsModule.centralContacts', contacts, where);
}

function resolveNctId(
  builder: RecordBuilder,
  text: string,
  options: ParseListingOptions,
  errors: ListingError[],
  warnings: string[],
): void {
  const shown = [...new Set(builder.nctIds)];
  if (shown.length > 1) warnings.push(`Identifiers: several NCT numbers shown (${shown.join(', ')}); using ${shown[0]}`);
  if (shown.length === 0) {
    // Not under a label: accept one unambiguous mention anywhere on the page.
    const mentioned = nctIdsIn(text);
    if (mentioned.length === 1) {
      shown.push(mentioned[0]);
      warnings.push(`NCT number ${mentioned[0]} taken from the page text (it is not under an "Identifiers" label)`);
    }
  }
  const fromSupplement = options.supplement?.[NCT_ID_PATH]?.value;
  for (const [given, name] of [[options.nctId, 'options.nctId'], [fromSupplement, `the supplement's ${NCT_ID_PATH}`]] as const) {
    if (given === undefined) continue;
    if (typeof given !== 'string' || !NCT_ID_PATTERN.test(given)) {
      errors.push({ path: NCT_ID_PATH, message: `${name} ${JSON.stringify(given)} is not an NCT number ("NCT" and 8 digits)` });
    } else if (shown.length > 0 && given !== shown[0]) {
      errors.push({ path: NCT_ID_PATH, message: `the page shows ${shown[0]} but ${name} is ${given}; refusing to import under either` });
    }
  }
  if (options.nctId !== undefined && fromSupplement !== undefined && options.nctId !== fromSupplement) {
    errors.push({ path: NCT_ID_PATH, message: `options.nctId ${options.nctId} and the supplement's ${fromSupplement} disagree` });
  }
  if (errors.length > 0) return;
  // When the id comes only from the supplement, the supplement sets it, so that its source is recorded.
  const nctId = shown[0] ?? (fromSupplement === undefined ? options.nctId : undefined);
  if (nctId === undefined && fromSupplement === undefined) {
    errors.push({
      path: NCT_ID_PATH,
      message: 'no NCT number found on the page (no "NCT" and 8 digits under "Identifiers"); pass it as options.nctId',
    });
    return;
  }
  if (nctId === undefined) return;
  builder.put('identificationModule.nctId', nctId, 'Identifiers');
}
