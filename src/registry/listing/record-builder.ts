// The API v2 record a listing page is read into, field by field: the first value for a field wins, a
// differing later one is reported, and arms, interventions and criteria are assembled at the end.
import { criteriaHeading, formatCriteriaSections, parseCriteriaSections, type CriteriaSection } from '../../core/trial/criteria-text.ts';
import { getAtPath, setAtPath } from './supplement.ts';

export type PlainObject = Record<string, unknown>;

export function nonBlank(lines: string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line !== '');
}

/** At most a few lines of skipped text, for a warning. */
export function preview(values: string[]): string {
  const joined = values.join(' | ');
  return JSON.stringify(joined.length > 120 ? `${joined.slice(0, 117)}...` : joined);
}

export type InterventionDraft = { type: string; name: string; armGroupLabels: string[] };
export type ArmDraft = { label: string; type?: string; description?: string; interventionNames: string[] };

/** Collects values by field path; the first value for a field wins and a differing later one is reported. */
export class RecordBuilder {
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
export function canonicalCriteria(sections: CriteriaSection[]): CriteriaSection[] {
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

