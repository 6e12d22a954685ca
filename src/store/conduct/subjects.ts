// The subject repository over Kysely (PGlite or PostgreSQL); see subject-repository.ts for the rules.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Confirmation, SubjectIdentity } from '../../conduct/model.ts';
import type { ScreeningResult } from '../../core/criteria/evaluate.ts';
import { EligoError } from '../../core/problems.ts';
import { protocolSettingsSchema } from '../../core/study/protocol.ts';
import type { ConsentTable, EnrollmentTable, ScreeningTable } from '../subject-tables.ts';
import type { Tables } from '../tables.ts';
import { inScope } from './subject-scope.ts';
import type { ConsentRecord, EnrollmentRecord, ScreeningRecord, SubjectRepository } from './subject-repository.ts';

const UNIQUE_VIOLATION = '23505';

const json = (value: unknown) => JSON.stringify(value);

export function kyselySubjectRepository(db: Kysely<Tables>): SubjectRepository {
  const forUpdateNeedsTx = (forUpdate: boolean | undefined) => {
    if (forUpdate && !db.isTransaction) throw new Error('a row lock needs a transaction');
  };
  const repository: SubjectRepository = {
    async studyConduct(studyId) {
      const row = await db
        .selectFrom('study')
        .innerJoin('study_protocol', (join) => join.onRef('study_protocol.study_id', '=', 'study.study_id').onRef('study_protocol.version', '=', 'study.current_version'))
        .select(['study_protocol.settings', 'study_protocol.version'])
        .where('study.study_id', '=', studyId)
        .executeTakeFirst();
      return row ? { protocol: protocolSettingsSchema.parse(row.settings), protocolVersion: row.version } : undefined;
    },
    async site(scope, siteCode) {
      if (scope.sites !== 'all' && !scope.sites.includes(siteCode)) return undefined;
      const row = await db.selectFrom('study_site').select(['site_code', 'status', 'range_site_id']).where('study_id', '=', scope.studyId).where('site_code', '=', siteCode).executeTakeFirst();
      return row ? { siteCode: row.site_code, status: row.status, rangeSiteId: row.range_site_id } : undefined;
    },

    async screening(scope, subjectNumber, options = {}) {
      forUpdateNeedsTx(options.forUpdate);
      let query = db.selectFrom('screening').selectAll().where(inScope(scope)).where('subject_number', '=', subjectNumber);
      if (options.forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row && screeningRecord(row);
    },
    async listScreenings(scope, filter) {
      let query = db.selectFrom('screening').where(inScope(scope));
      if (filter.siteCode !== undefined) query = query.where('site_code', '=', filter.siteCode);
      if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
      if (filter.verdict !== undefined) query = query.where('verdict', '=', filter.verdict);
      if (filter.subjectNumber !== undefined) query = query.where('subject_number', '=', filter.subjectNumber);
      if (filter.screenedFrom !== undefined) query = query.where('screened_on', '>=', filter.screenedFrom);
      if (filter.screenedTo !== undefined) query = query.where('screened_on', '<=', filter.screenedTo);
      const [{ total }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        query.selectAll().orderBy('screened_on', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
      ]);
      return { total: Number(total), items: rows.map((row) => withoutStoreFields(screeningRecord(row))) };
    },
    async countScreenings(scope) {
      const rows = await db
        .selectFrom('screening')
        .where(inScope(scope))
        .select(['site_code', 'outcome', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy(['site_code', 'outcome'])
        .orderBy('site_code')
        .orderBy('outcome')
        .execute();
      return rows.map((row) => ({ siteCode: row.site_code, outcome: row.outcome, count: Number(row.count) }));
    },
    async identity(scope, subjectNumber) {
      const row = await db
        .selectFrom('subject_identity')
        .innerJoin('screening', 'screening.id', 'subject_identity.screening_id')
        .select(['subject_identity.name', 'subject_identity.hospital_number', 'subject_identity.birth_date', 'subject_identity.phone'])
        .where(inScope(scope))
        .where('screening.subject_number', '=', subjectNumber)
        .executeTakeFirst();
      return row && { name: row.name, hospitalNumber: row.hospital_number, birthDate: row.birth_date, phone: row.phone };
    },
    async consents(scope, subjectNumber) {
      const rows = await db
        .selectFrom('consent')
        .innerJoin('screening', 'screening.id', 'consent.screening_id')
        .selectAll('consent')
        .select(['screening.study_id', 'screening.site_code', 'screening.subject_number'])
        .where(inScope(scope))
        .where('screening.subject_number', '=', subjectNumber)
        .orderBy('consent.signed_at', 'desc')
        .orderBy('consent.id', 'desc')
        .execute();
      return rows.map(consentRecord);
    },
    async consent(scope, consentId, options = {}) {
      forUpdateNeedsTx(options.forUpdate);
      let query = db
        .selectFrom('consent')
        .innerJoin('screening', 'screening.id', 'consent.screening_id')
        .selectAll('consent')
        .select(['screening.study_id', 'screening.site_code', 'screening.subject_number'])
        .where(inScope(scope))
        .where('consent.id', '=', consentId);
      if (options.forUpdate) query = query.forUpdate('consent');
      const row = await query.executeTakeFirst();
      return row && consentRecord(row);
    },
    async enrollment(scope, subjectNumber) {
      const row = await db
        .selectFrom('enrollment')
        .innerJoin('screening', 'screening.id', 'enrollment.screening_id')
        .selectAll('enrollment')
        .select('screening.site_code')
        .where(inScope(scope))
        .where('screening.subject_number', '=', subjectNumber)
        .executeTakeFirst();
      return row && enrollmentRecord(row);
    },
    async listEnrollments(scope, options) {
      let query = db.selectFrom('enrollment').innerJoin('screening', 'screening.id', 'enrollment.screening_id').where(inScope(scope));
      if (options.siteCode !== undefined) query = query.where('screening.site_code', '=', options.siteCode);
      const [{ total }, rows] = await Promise.all([
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
        query.selectAll('enrollment').select('screening.site_code').orderBy('enrollment.randomized_at', 'desc').orderBy('enrollment.id', 'desc').limit(options.limit).offset(options.offset).execute(),
      ]);
      return { total: Number(total), items: rows.map(enrollmentRecord) };
    },
    async enrollmentCounts(scope) {
      const month = sql<string>`to_char(enrollment.randomized_at at time zone 'UTC', 'YYYY-MM')`;
      const rows = await db
        .selectFrom('enrollment')
        .innerJoin('screening', 'screening.id', 'enrollment.screening_id')
        .where(inScope(scope))
        .select(['screening.site_code', month.as('month'), (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy(['screening.site_code', month])
        .orderBy('screening.site_code')
        .orderBy(month)
        .execute();
      return rows.map((row) => ({ siteCode: row.site_code, month: row.month, count: Number(row.count) }));
    },

    async takeSubjectSeq(studyId, siteCode) {
      const row = await db
        .insertInto('site_subject_counter')
        .values({ study_id: studyId, site_code: siteCode, next_seq: 2 })
        .onConflict((oc) => oc.columns(['study_id', 'site_code']).doUpdateSet({ next_seq: sql`site_subject_counter.next_seq + 1` }))
        .returning(sql<number>`next_seq - 1`.as('seq'))
        .executeTakeFirstOrThrow();
      return Number(row.seq);
    },
    async insertScreening(screening, identity) {
      try {
        const row = await db
          .insertInto('screening')
          .values({
            study_id: screening.studyId,
            site_code: screening.siteCode,
            subject_number: screening.subjectNumber,
            seq: screening.seq,
            screened_on: screening.screenedOn,
            origin: screening.origin,
            origin_reference: screening.originReference,
            protocol_version: screening.protocolVersion,
            rule_set_nct_id: screening.ruleSet.nctId,
            rule_set_version: screening.ruleSet.version,
            rule_set_review: screening.ruleSet.review,
            verdict: screening.verdict,
            result: json(screening.result),
            sex: screening.sex ?? null,
            factors: json(screening.factors),
            confirmations: json([]),
            failure_reasons: [],
            outcome: 'pending',
            created_at: screening.at,
            created_by: screening.by,
            updated_at: screening.at,
            updated_by: screening.by,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await db.insertInto('subject_identity').values({ screening_id: row.id, name: identity.name, hospital_number: identity.hospitalNumber, birth_date: identity.birthDate, phone: identity.phone }).execute();
        return screeningRecord(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw EligoError.of('conflict', { code: 'subject_number_taken', field: 'subjectNumber', value: screening.subjectNumber, expected: 'a subject number not yet used in the study' });
        throw error;
      }
    },
    async updateScreening(id, change) {
      const values: Partial<Record<keyof ScreeningTable, unknown>> = { updated_at: change.at, updated_by: change.by };
      if (change.confirmations !== undefined) values.confirmations = json(change.confirmations);
      if (change.outcome !== undefined) values.outcome = change.outcome;
      if (change.outcomeSetAt !== undefined) values.outcome_set_at = change.outcomeSetAt;
      if (change.failureReasons !== undefined) values.failure_reasons = change.failureReasons;
      if (change.override !== undefined) Object.assign(values, { override_by: change.override.by, override_reason: change.override.reason, override_at: change.override.at });
      await db.updateTable('screening').set(values as never).where('id', '=', id).execute();
    },
    async insertConsent(consent) {
      const row = await db
        .insertInto('consent')
        .values({
          screening_id: consent.screeningId,
          form_version: consent.formVersion,
          signed_at: consent.signedAt,
          obtained_by: consent.obtainedBy,
          signer: consent.signer,
          guardian_name: consent.guardianName,
          guardian_relationship: consent.guardianRelationship,
          signature_status: consent.signatureStatus,
          language: consent.language,
          recorded_at: consent.at,
          recorded_by: consent.by,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async withdrawConsent(id, withdrawnOn, reason) {
      await db.updateTable('consent').set({ withdrawn_on: withdrawnOn, withdrawal_reason: reason }).where('id', '=', id).execute();
    },
    async takeStratumSlot(studyId, stratumKey) {
      const row = await db
        .insertInto('randomization_stratum')
        .values({ study_id: studyId, stratum_key: stratumKey, next_slot: 1 })
        .onConflict((oc) => oc.columns(['study_id', 'stratum_key']).doUpdateSet({ next_slot: sql`randomization_stratum.next_slot + 1` }))
        .returning(sql<number>`next_slot - 1`.as('slot'))
        .executeTakeFirstOrThrow();
      return Number(row.slot);
    },
    async studySecret(studyId) {
      // Two first enrollments at once: the second insert waits for the first and then does nothing; both read the same secret.
      await db.insertInto('study_secret').values({ study_id: studyId, secret: randomBytes(32).toString('hex') }).onConflict((oc) => oc.column('study_id').doNothing()).execute();
      const row = await db.selectFrom('study_secret').select('secret').where('study_id', '=', studyId).executeTakeFirstOrThrow();
      return Buffer.from(row.secret, 'hex');
    },
    async insertEnrollment(enrollment) {
      try {
        const row = await db
          .insertInto('enrollment')
          .values({
            screening_id: enrollment.screeningId,
            study_id: enrollment.studyId,
            subject_number: enrollment.subjectNumber,
            arm: enrollment.arm,
            assignment: enrollment.assignment,
            strata: json(enrollment.strata),
            stratum_key: enrollment.slot?.stratumKey ?? null,
            slot: enrollment.slot?.slot ?? null,
            protocol_version: enrollment.protocolVersion,
            consent_id: enrollment.consentId,
            overridden: enrollment.overridden,
            randomized_at: enrollment.at,
            randomized_by: enrollment.by,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyRandomized(enrollment.subjectNumber);
        throw error;
      }
    },
    async insertUnblinding(enrollmentId, reason, by, at) {
      await db.insertInto('unblinding').values({ enrollment_id: enrollmentId, reason, unblinded_by: by, unblinded_at: at }).execute();
    },
    async transaction(work) {
      if (db.isTransaction) throw new Error('already in a transaction');
      return db.transaction().execute((tx) => work(kyselySubjectRepository(tx), tx));
    },
  };
  return repository;
}

export function alreadyRandomized(subjectNumber: string): EligoError {
  return EligoError.of('conflict', { code: 'already_randomized', field: 'subjectNumber', value: subjectNumber, expected: 'a subject not yet enrolled (an allocation is final)', message: `${subjectNumber} is already enrolled; an allocation is final and cannot be repeated or changed` });
}

function screeningRecord(row: Selectable<ScreeningTable>): ScreeningRecord {
  const record: ScreeningRecord = {
    id: row.id,
    studyId: row.study_id,
    siteCode: row.site_code,
    subjectNumber: row.subject_number,
    screenedOn: row.screened_on,
    origin: row.origin,
    ruleSet: { nctId: row.rule_set_nct_id, version: row.rule_set_version, review: row.rule_set_review },
    verdict: row.verdict,
    result: row.result as ScreeningResult,
    confirmations: row.confirmations as Confirmation[],
    failureReasons: row.failure_reasons,
    factors: row.factors as Record<string, string>,
    outcome: row.outcome,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    outcomeSetAt: row.outcome_set_at ? row.outcome_set_at.toISOString() : null,
  };
  if (row.override_by !== null && row.override_reason !== null && row.override_at !== null) record.override = { by: row.override_by, reason: row.override_reason, at: row.override_at.toISOString() };
  return record;
}

export function withoutStoreFields(record: ScreeningRecord): Omit<ScreeningRecord, 'outcomeSetAt'> {
  const { outcomeSetAt: _outcomeSetAt, ...view } = record;
  return view;
}

function consentRecord(row: Selectable<ConsentTable> & { study_id: string; site_code: string; subject_number: string }): ConsentRecord {
  return {
    id: row.id,
    screeningId: row.screening_id,
    studyId: row.study_id,
    siteCode: row.site_code,
    subjectNumber: row.subject_number,
    formVersion: row.form_version,
    signedAt: row.signed_at.toISOString(),
    obtainedBy: row.obtained_by,
    signer: row.signer,
    guardianName: row.guardian_name,
    guardianRelationship: row.guardian_relationship,
    signatureStatus: row.signature_status,
    language: row.language,
    withdrawnOn: row.withdrawn_on,
    withdrawalReason: row.withdrawal_reason,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
  };
}

function enrollmentRecord(row: Selectable<EnrollmentTable> & { site_code: string }): EnrollmentRecord {
  return {
    id: row.id,
    screeningId: row.screening_id,
    studyId: row.study_id,
    siteCode: row.site_code,
    subjectNumber: row.subject_number,
    arm: row.arm,
    assignment: row.assignment,
    strata: row.strata as Record<string, string>,
    protocolVersion: row.protocol_version,
    consentId: row.consent_id,
    overridden: row.overridden,
    randomizedAt: row.randomized_at.toISOString(),
    randomizedBy: row.randomized_by,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

export type { SubjectIdentity };
