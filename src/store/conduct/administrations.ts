// Treatment administrations (table administration): each dose as given, as derived (total and per
// kg) and as checked against the protocol's dosing rule at the time. Reads take the actor's SiteScope
// (joined to screening through inScope); writes run inside the caller's transaction (`within(tx)`).
import type { Kysely, Selectable } from 'kysely';
import type { SiteScope } from '../../conduct/access/actor.ts';
import type { StoreTransaction } from '../accounts/repository.ts';
import type { AdministrationTable } from '../follow-up-tables.ts';
import type { Tables } from '../tables.ts';
import { inScope } from './subject-scope.ts';

export interface AdministrationFields {
  visitCode: string | null;
  product: 'UC-MSC' | 'UCB' | 'cyclosporine A';
  lot: string | null;
  givenAt: Date;
  route: 'IV' | 'oral' | 'other';
  doseValue: number;
  doseUnit: string;
  doseTotal: number | null;
  dosePerKg: number | null;
  weightKg: number | null;
  details: Record<string, unknown>;
  doseCheck: unknown;
  infusionReaction: unknown;
}

export interface AdministrationRecord extends AdministrationFields {
  id: number;
  screeningId: number;
  studyId: string;
  siteCode: string;
  subjectNumber: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface AdministrationRepository {
  /** The subject's administrations, in the order given. */
  list(scope: SiteScope, subjectNumber: string): Promise<AdministrationRecord[]>;
  get(scope: SiteScope, subjectNumber: string, id: number, options?: { forUpdate?: boolean }): Promise<AdministrationRecord | undefined>;
  insert(row: AdministrationFields & { screeningId: number; studyId: string; siteCode: string; subjectNumber: string; at: Date; by: string }): Promise<number>;
  update(id: number, row: AdministrationFields & { at: Date; by: string }): Promise<void>;
  within(tx: StoreTransaction): AdministrationRepository;
}

function record(row: Selectable<AdministrationTable>): AdministrationRecord {
  return {
    id: row.id, screeningId: row.screening_id, studyId: row.study_id, siteCode: row.site_code, subjectNumber: row.subject_number, visitCode: row.visit_code,
    product: row.product, lot: row.lot, givenAt: new Date(row.given_at), route: row.route, doseValue: row.dose_value, doseUnit: row.dose_unit, doseTotal: row.dose_total,
    dosePerKg: row.dose_per_kg, weightKg: row.weight_kg, details: (row.details ?? {}) as Record<string, unknown>, doseCheck: row.dose_check, infusionReaction: row.infusion_reaction,
    createdAt: new Date(row.created_at).toISOString(), createdBy: row.created_by, updatedAt: new Date(row.updated_at).toISOString(), updatedBy: row.updated_by,
  };
}

const columns = (row: AdministrationFields) => ({
  visit_code: row.visitCode, product: row.product, lot: row.lot, given_at: row.givenAt, route: row.route, dose_value: row.doseValue, dose_unit: row.doseUnit,
  dose_total: row.doseTotal, dose_per_kg: row.dosePerKg, weight_kg: row.weightKg, details: JSON.stringify(row.details), dose_check: JSON.stringify(row.doseCheck),
  infusion_reaction: row.infusionReaction === null ? null : JSON.stringify(row.infusionReaction),
});

export function kyselyAdministrationRepository(db: Kysely<Tables>): AdministrationRepository {
  const base = (scope: SiteScope, subjectNumber: string) =>
    db.selectFrom('administration').innerJoin('screening', 'screening.id', 'administration.screening_id').selectAll('administration').where(inScope(scope)).where('screening.subject_number', '=', subjectNumber);
  return {
    async list(scope, subjectNumber) {
      return (await base(scope, subjectNumber).orderBy('administration.given_at').orderBy('administration.id').execute()).map(record);
    },
    async get(scope, subjectNumber, id, options = {}) {
      if (options.forUpdate && !db.isTransaction) throw new Error('a row lock needs a transaction');
      let query = base(scope, subjectNumber).where('administration.id', '=', id);
      if (options.forUpdate) query = query.forUpdate('administration');
      const row = await query.executeTakeFirst();
      return row && record(row);
    },
    async insert(row) {
      const { id } = await db.insertInto('administration').values({
        screening_id: row.screeningId, study_id: row.studyId, site_code: row.siteCode, subject_number: row.subjectNumber, ...columns(row),
        created_at: row.at, created_by: row.by, updated_at: row.at, updated_by: row.by,
      } as never).returning('id').executeTakeFirstOrThrow();
      return id;
    },
    async update(id, row) {
      await db.updateTable('administration').set({ ...columns(row), updated_at: row.at, updated_by: row.by } as never).where('id', '=', id).execute();
    },
    within: (tx) => kyselyAdministrationRepository(tx),
  };
}
