// Treatment records: each administration of a product as given (dose, unit, lot, route, date-time,
// the day's weight, infusion reaction with its suggested CTCAE grade), checked against the protocol's
// dosing rule by the same code the browser runs (core/study/treatment.ts). A dose outside the rule or
// not checkable, or a product the subject's arm does not give, is stored with a warning — never
// refused. Malformed input is refused with nothing written; a correction needs a reason and is
// audited old → new. One transaction per change, with the screening row locked.
import { requireScope, type Actor } from '../access/actor.ts';
import { auditActorOf } from '../audit/entry.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { suggestInfusionReactionGrade } from '../../core/study/clinical-grades.ts';
import type { DoseCheckResult } from '../../core/study/dosing.ts';
import type { ProtocolSettings } from '../../core/study/protocol.ts';
import { checkDetails, checkDoseInput, checkProduct, checkRoute, checkTreatment, checkWeight, type TreatmentWarning } from '../../core/study/treatment.ts';
import { UNSCHEDULED_CODE } from '../../core/study/visit-calendar.ts';
import type { AdministrationFields, AdministrationRecord } from '../../store/conduct/administrations.ts';
import { insertQuery, type NewQuery } from '../../store/conduct/query-insert.ts';
import type { StoreTransaction } from '../../store/accounts/repository.ts';
import { checkDateTime, checkText, conductOf, optionalText, subjectFor, systemClock, type SubjectServiceDependencies } from '../screening/subject-access.ts';
import { notEnrolled } from '../visits/service.ts';
import type { AdministrationChanges, AdministrationInput, AdministrationView, CorrectAdministrationInput, InfusionReaction } from './model.ts';

export interface TreatmentService {
  /**
   * Records an administration (data.write at the subject's site). Refused, nothing written: not_found
   * (subject out of scope), conflict not_enrolled, invalid — givenAt malformed, in the future or before
   * the enrollment date; dose ≤ 0 or not a number; unknown product, route, dose unit, visit code or
   * detail; implausible weight. Out-of-range or unchecked doses and products outside the arm: warnings.
   */
  recordAdministration(actor: Actor, input: AdministrationInput): Promise<AdministrationView>;
  listAdministrations(actor: Actor, studyId: string, subjectNumber: string): Promise<AdministrationView[]>;
  /** Corrects an administration (the same checks on the result), with a reason; audited old → new. */
  correctAdministration(actor: Actor, input: CorrectAdministrationInput): Promise<AdministrationView>;
}

interface StoredCheck extends DoseCheckResult {
  warnings: TreatmentWarning[];
}

function checkInfusionReaction(value: unknown): InfusionReaction | null {
  if (value === undefined || value === null) return null;
  const given = value as Record<string, unknown>;
  if (typeof value !== 'object' || typeof given.occurred !== 'boolean') throw EligoError.of('invalid', { code: 'invalid_infusion_reaction', field: 'infusionReaction.occurred', value: given?.occurred, expected: 'true or false' });
  const signs: Record<string, boolean> = {};
  const allowed = ['interruptedOrTreated', 'prolongedOrRecurrentOrHospitalized', 'lifeThreatening', 'death'];
  for (const [key, flag] of Object.entries((given.signs ?? {}) as Record<string, unknown>)) {
    if (!allowed.includes(key)) throw EligoError.of('invalid', { code: 'unknown_sign', field: `infusionReaction.signs.${key}`, value: key, expected: `one of ${allowed.join(', ')}` });
    if (typeof flag !== 'boolean') throw EligoError.of('invalid', { code: 'invalid_sign', field: `infusionReaction.signs.${key}`, value: flag, expected: 'true or false' });
    signs[key] = flag;
  }
  if (!given.occurred) return { occurred: false, suggestedGrade: null };
  const description = optionalText(given.description, 'infusionReaction.description') ?? undefined;
  return { occurred: true, ...(description ? { description } : {}), signs, suggestedGrade: suggestInfusionReactionGrade(signs) };
}

function checkVisitCode(protocol: ProtocolSettings, code: unknown): string | null {
  if (code === undefined || code === null || code === '') return null;
  if (protocol.visits.some((visit) => visit.code === code) || (typeof code === 'string' && UNSCHEDULED_CODE.test(code))) return code as string;
  throw EligoError.of('invalid', { code: 'unknown_visit', field: 'visitCode', value: code, expected: `a visit of the protocol: ${protocol.visits.map((visit) => visit.code).join(', ')} (or UNS_n)` });
}

/** The administration's fields checked, with the dose check against the protocol and the subject's arm. */
function fieldsOf(input: AdministrationChanges & Pick<AdministrationInput, 'product' | 'givenAt' | 'route' | 'dose'>, protocol: ProtocolSettings, armCode: string, now: Date, enrolledOn: string): AdministrationFields {
  const product = checkProduct(input.product);
  const route = checkRoute(input.route);
  const dose = checkDoseInput(product, input.dose);
  const weightKg = checkWeight(input.weightKg);
  const givenAt = checkDateTime(input.givenAt, 'givenAt', now);
  if (givenAt.toISOString().slice(0, 10) < enrolledOn) throw EligoError.of('invalid', { code: 'date_too_early', field: 'givenAt', value: input.givenAt, expected: `a date-time on or after the enrollment date (${enrolledOn}, UTC)` });
  const lot = optionalText(input.lot, 'lot', 200);
  const details = checkDetails(product, input.details);
  const infusionReaction = checkInfusionReaction(input.infusionReaction);
  const arm = protocol.arms.find((a) => a.code === armCode);
  const { doseCheck, warnings, total, perKg } = checkTreatment({ study: protocol.studyId, product, dose, weightKg, arm });
  const stored: StoredCheck = { ...doseCheck, warnings };
  return {
    visitCode: checkVisitCode(protocol, input.visitCode), product, lot, givenAt, route, doseValue: dose.value, doseUnit: dose.unit,
    doseTotal: total ?? null, dosePerKg: perKg ?? null, weightKg: weightKg ?? null, details, doseCheck: stored, infusionReaction,
  };
}

function view(record: AdministrationRecord): AdministrationView {
  const { warnings, ...doseCheck } = record.doseCheck as StoredCheck;
  return {
    id: record.id, studyId: record.studyId, siteCode: record.siteCode, subjectNumber: record.subjectNumber, product: record.product, lot: record.lot,
    givenAt: record.givenAt.toISOString(), route: record.route, dose: { value: record.doseValue, unit: record.doseUnit }, doseTotal: record.doseTotal, dosePerKg: record.dosePerKg,
    weightKg: record.weightKg, visitCode: record.visitCode, details: record.details as Record<string, number>, infusionReaction: record.infusionReaction as InfusionReaction | null,
    doseCheck, warnings: warnings ?? [], createdAt: record.createdAt, createdBy: record.createdBy, updatedAt: record.updatedAt, updatedBy: record.updatedBy,
  };
}

/** What the audit trail keeps of an administration. */
function auditValue(fields: AdministrationFields) {
  const { visitCode, product, lot, givenAt, route, doseValue, doseUnit, doseTotal, dosePerKg, weightKg, details, doseCheck, infusionReaction } = fields;
  return { visitCode, product, lot, givenAt: givenAt.toISOString(), route, doseValue, doseUnit, doseTotal, dosePerKg, weightKg, details, doseCheck, infusionReaction };
}

/** The input form of a stored administration, to merge a correction's changes into. */
function inputOf(record: AdministrationRecord): AdministrationChanges & Pick<AdministrationInput, 'product' | 'givenAt' | 'route' | 'dose'> {
  return {
    product: record.product, lot: record.lot ?? undefined, givenAt: record.givenAt.toISOString(), route: record.route, dose: { value: record.doseValue, unit: record.doseUnit },
    weightKg: record.weightKg ?? undefined, visitCode: record.visitCode ?? undefined, details: record.details as Record<string, number>, infusionReaction: (record.infusionReaction as InfusionReaction | null) ?? undefined,
  };
}

/**
 * The warnings a site must answer: a dose outside the protocol's rule or a product the arm does not give
 * raises a data query (origin edit_check) with the record. An unchecked dose does not: it says the
 * protocol has no rule for the product, which no site answer can change.
 */
const QUERIED_WARNINGS: Readonly<Partial<Record<TreatmentWarning['code'], string>>> = {
  dose_out_of_range: '剂量超出方案给药规则的范围，请核实所给剂量或说明原因',
  product_not_in_arm: '该产品不属于受试者所在组别的治疗方案，请核实或说明原因',
};

/** Raises a query for each queried warning not already on the record before (a correction keeps answered ones). */
async function raiseWarningQueries(tx: StoreTransaction, base: Omit<NewQuery, 'checkId' | 'text' | 'field' | 'origin'>, warnings: readonly TreatmentWarning[], before: readonly TreatmentWarning[] = []): Promise<void> {
  for (const warning of warnings) {
    const zh = QUERIED_WARNINGS[warning.code];
    if (!zh || before.some((old) => old.code === warning.code)) continue;
    await insertQuery(tx, { ...base, field: warning.code === 'product_not_in_arm' ? 'product' : 'dose', origin: 'edit_check', checkId: warning.code, text: `${warning.message} / ${zh}` });
  }
}

const CHANGEABLE = ['product', 'lot', 'givenAt', 'route', 'dose', 'weightKg', 'visitCode', 'details', 'infusionReaction'] as const;

export function treatmentService({ stores, clock = systemClock }: SubjectServiceDependencies): TreatmentService {
  const subjects = stores.subjects;

  const withSubject = <T>(actor: Actor, studyId: string, subjectNumber: string, siteCode: string, work: (ctx: { enrolledOn: string; arm: string; screeningId: number; tx: Parameters<Parameters<typeof subjects.transaction>[0]>[1] }) => Promise<T>) =>
    subjects.transaction(async (repo, tx) => {
      const scope = requireScope(actor, studyId, 'data.write', siteCode);
      const screening = (await repo.screening(scope, subjectNumber, { forUpdate: true }))!;
      const enrollment = await repo.enrollment(scope, subjectNumber);
      if (!enrollment) throw notEnrolled(subjectNumber);
      return work({ enrolledOn: enrollment.randomizedAt.slice(0, 10), arm: enrollment.arm, screeningId: screening.id, tx });
    });

  return {
    async recordAdministration(actor, input) {
      const now = clock.now();
      const { screening } = await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'data.write');
      const { protocol } = await conductOf(subjects, input.studyId);
      return withSubject(actor, input.studyId, input.subjectNumber, screening.siteCode, async ({ enrolledOn, arm, screeningId, tx }) => {
        const fields = fieldsOf(input, protocol, arm, now, enrolledOn);
        const administrations = stores.administrations.within(tx);
        const id = await administrations.insert({ ...fields, screeningId, studyId: input.studyId, siteCode: screening.siteCode, subjectNumber: input.subjectNumber, at: now, by: actor.username });
        const queryBase = { studyId: input.studyId, siteCode: screening.siteCode, screeningId, subjectNumber: input.subjectNumber, recordType: 'administration', recordId: id, by: actor.username, at: now };
        await raiseWarningQueries(tx, queryBase, (fields.doseCheck as StoredCheck).warnings);
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'create', recordType: 'administration', recordId: String(id), studyId: input.studyId, siteCode: screening.siteCode, oldValue: null, newValue: auditValue(fields), at: now });
        return view((await administrations.get(requireScope(actor, input.studyId, 'data.write', screening.siteCode), input.subjectNumber, id))!);
      });
    },

    async listAdministrations(actor, studyId, subjectNumber) {
      const { scope } = await subjectFor(subjects, actor, studyId, subjectNumber, 'study.read');
      return (await stores.administrations.list(scope, subjectNumber)).map(view);
    },

    async correctAdministration(actor, input) {
      const now = clock.now();
      const { screening } = await subjectFor(subjects, actor, input.studyId, input.subjectNumber, 'data.write');
      const { protocol } = await conductOf(subjects, input.studyId);
      const reason = checkText(input.reason, 'reason');
      const changes = (input.changes ?? {}) as Record<string, unknown>;
      const unknown = Object.keys(changes).filter((key) => !(CHANGEABLE as readonly string[]).includes(key));
      if (unknown.length > 0) throw EligoError.of('invalid', { code: 'unknown_field', field: `changes.${unknown[0]}`, value: unknown[0], expected: `one of ${CHANGEABLE.join(', ')}` });
      if (Object.keys(changes).length === 0) throw EligoError.of('invalid', { code: 'required', field: 'changes', expected: `at least one of ${CHANGEABLE.join(', ')}` });
      return withSubject(actor, input.studyId, input.subjectNumber, screening.siteCode, async ({ enrolledOn, arm, screeningId, tx }) => {
        const scope = requireScope(actor, input.studyId, 'data.write', screening.siteCode);
        const administrations = stores.administrations.within(tx);
        const existing = Number.isInteger(input.administrationId) ? await administrations.get(scope, input.subjectNumber, input.administrationId, { forUpdate: true }) : undefined;
        if (!existing) throw notFound('administration', 'administrationId', input.administrationId);
        const fields = fieldsOf({ ...inputOf(existing), ...changes } as ReturnType<typeof inputOf>, protocol, arm, now, enrolledOn);
        await administrations.update(existing.id, { ...fields, at: now, by: actor.username });
        const queryBase = { studyId: input.studyId, siteCode: screening.siteCode, screeningId, subjectNumber: input.subjectNumber, recordType: 'administration', recordId: existing.id, by: actor.username, at: now };
        await raiseWarningQueries(tx, queryBase, (fields.doseCheck as StoredCheck).warnings, (existing.doseCheck as StoredCheck).warnings ?? []);
        await stores.auditWriter.append(tx, { actor: auditActorOf(actor), action: 'update', recordType: 'administration', recordId: String(existing.id), studyId: input.studyId, siteCode: screening.siteCode, oldValue: auditValue(existing), newValue: auditValue(fields), reason, at: now });
        return view((await administrations.get(scope, input.subjectNumber, existing.id))!);
      });
    },
  };
}
