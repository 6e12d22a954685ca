// Listing fields that span several lines: identifiers (the NCT number among them), arms with their
// interventions, central contacts; and the NCT number the record is imported under.
import { NCT_ID_PATTERN } from '../../core/trial/model.ts';
import { nctIdsIn } from '../../core/trial/nct-id.ts';
import { armGroupTypeFromDisplay, interventionFromDisplay } from './display-values.ts';
import type { ListingError, ParseListingOptions } from './parse.ts';
import { nonBlank, type ArmDraft, type PlainObject, type RecordBuilder } from './record-builder.ts';

const NCT_ID_PATH = 'protocolSection.identificationModule.nctId';
/** Veeva's line above the arms: "10 participants in 1 patient group". */
export const ARMS_SUMMARY_LINE = /^(\d+) participants? in (\d+) (?:patient )?groups?$/i;
export const ARM_SUB_LABEL = /^(description|treatments?)\s*:/i;

/** The NCT number first; then the sponsor's own protocol number; any further ids are secondary ids. */
export function readIdentifiers(values: string[], builder: RecordBuilder, where: string): void {
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
export function readArms(lines: string[], builder: RecordBuilder, where: string): void {
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
export function readContacts(values: string[], builder: RecordBuilder, where: string): void {
  const contacts: PlainObject[] = [];
  for (const value of values) {
    const current = contacts[contacts.length - 1];
    if (EMAIL.test(value) && current) current.email = value;
    else if (PHONE.test(value) && current) current.phone = value;
    else contacts.push({ name: value, role: 'CONTACT' });
  }
  if (contacts.length > 0) builder.put('contactsLocationsModule.centralContacts', contacts, where);
}

export function resolveNctId(
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

