// Laboratory results, transfusions and marrow examinations through the lab service on both backends:
// units converted, limits (site range vs default), CTCAE grades and the baseline flag re-derived when
// an earlier result arrives, hard edit checks refusing with nothing written, soft ones raising a query,
// FHIR import idempotent, corrections audited, site isolation and the bad inputs of issue 9.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testBackends } from '../support/databases.ts';
import type { Database } from '../../src/store/database.ts';
import type { Stores } from '../../src/store/index.ts';
import { labService, type LabService } from '../../src/conduct/labs/service.ts';
import { coordinatorAt, fixedClock, screeningInput, servicesAt, SITE_A, SITE_B, STUDY, actorWith } from './subject-fixtures.ts';
import { enrolledSubject, installFollowUpStudies, refusedWithoutWrites, type EnrolledSubject } from './follow-up-fixtures.ts';

const NOW = new Date('2026-10-01T04:00:00.000Z');

for (const backend of testBackends()) {
  describe(`${backend.name}: laboratory results, transfusions and marrow examinations`, () => {
    let database: Database & { dispose(): Promise<void> };
    let stores: Stores;
    let labs: LabService;
    const coordA = coordinatorAt(SITE_A);
    const coordB = coordinatorAt(SITE_B);
    before(async () => {
      database = await backend.open({ seed: true });
      stores = await installFollowUpStudies(database.db);
      labs = labService({ stores, clock: fixedClock(NOW) });
    });
    after(async () => database?.dispose());

    const subject = (site = SITE_A) => enrolledSubject(database.db, stores, site);
    const panel = (s: EnrolledSubject, collectedOn: string, results: Array<{ analyte: string; value: number; unit: string; method?: 'manual' | 'automated' }>, extra: object = {}) =>
      labs.recordPanel(s.siteCode === SITE_A ? coordA : coordB, { studyId: STUDY, subjectNumber: s.subjectNumber, collectedOn, panel: 'cbc', results, ...extra });

    test("sex-specific limits come from the screened record's sex (kept with the screening), also when no criterion mentioned it", async () => {
      const s = await subject();
      const row = await sql<{ sex: string | null }>`select sex from screening where id = ${s.screeningId}`.execute(database.db);
      assert.equal(row.rows[0].sex, 'female', 'the hand-entry record says female');
      const [hemoglobin] = await panel(s, s.enrolledOn, [{ analyte: 'hemoglobin', value: 120, unit: 'g/L' }]);
      // WS/T 405 adult women: 115–150 g/L (a man's 130 would make 120 g/L an anaemia).
      assert.equal(hemoglobin.lln, 115);
      assert.equal(hemoglobin.uln, 150);
      assert.match(hemoglobin.limitBasis?.low?.detail ?? '', /female|women/i);
      assert.equal(hemoglobin.grades.find((g) => g.term === 'Anemia')?.grade, 0);
    });

    test('a CBC in g/dL, 10*3/uL and /mm3 is stored in g/L and 10*9/L, graded by CTCAE v5.0, the day-0 result flagged baseline', async () => {
      const s = await subject();
      const stored = await panel(s, s.enrolledOn, [
        { analyte: 'hemoglobin', value: 9.5, unit: 'g/dL' },
        { analyte: 'platelets', value: 30, unit: '10*3/uL' },
        { analyte: 'anc', value: 800, unit: '/mm3' },
        { analyte: 'wbc', value: 2.1, unit: '10*9/L' },
      ]);
      const by = Object.fromEntries(stored.map((result) => [result.analyte, result]));
      assert.equal(by.hemoglobin.canonicalValue, 95);
      assert.equal(by.hemoglobin.canonicalUnit, 'g/L');
      assert.equal(by.platelets.canonicalValue, 30);
      assert.equal(by.anc.canonicalValue, 0.8);
      assert.equal(by.anc.canonicalUnit, '10*9/L');
      const grade = (analyte: string, term: string) => by[analyte].grades.find((g) => g.term === term);
      assert.equal(grade('platelets', 'Platelet count decreased')?.grade, 3);
      assert.equal(grade('hemoglobin', 'Anemia')?.grade, 2);
      assert.equal(grade('anc', 'Neutrophil count decreased')?.grade, 3);
      assert.equal(grade('platelets', 'Platelet count decreased')?.version, '5.0');
      assert.ok(stored.every((result) => result.isBaseline), 'collected on day 0 (the enrollment date without a dose)');
      assert.equal(by.platelets.lln, 125);
      assert.equal(by.platelets.limitBasis?.low?.source, 'default');
      const listed = await labs.listResults(coordA, STUDY, s.subjectNumber, { analyte: 'platelets' });
      assert.deepEqual(listed.map((result) => result.id), [by.platelets.id]);
      const audit = await sql<{ n: number }>`select count(*)::int as n from audit_event where record_type = 'lab_result' and record_id = ${String(by.platelets.id)}`.execute(database.db);
      assert.equal(audit.rows[0].n, 1);
    });

    test('platelets −5 and hemoglobin 400 g/L are refused naming results.N.value, nothing written; an unknown unit names results.N.unit and the accepted units', async () => {
      const s = await subject();
      await refusedWithoutWrites(database.db, () => panel(s, s.enrolledOn, [{ analyte: 'hemoglobin', value: 80, unit: 'g/L' }, { analyte: 'platelets', value: -5, unit: '10*9/L' }]), { kind: 'unprocessable', code: 'edit_check_failed', field: 'results.1.value' });
      await refusedWithoutWrites(database.db, () => panel(s, s.enrolledOn, [{ analyte: 'hemoglobin', value: 400, unit: 'g/L' }]), { kind: 'unprocessable', code: 'edit_check_failed', field: 'results.0.value' });
      await refusedWithoutWrites(database.db, () => panel(s, s.enrolledOn, [{ analyte: 'hemoglobin', value: 80, unit: 'furlongs' }]), { kind: 'invalid', code: 'invalid_unit', field: 'results.0.unit' });
      await assert.rejects(panel(s, s.enrolledOn, [{ analyte: 'platelets', value: 30, unit: 'g/L' }]), (error: Error) => /10\*9\/L/.test(error.message) && /results\.0\.unit/.test(error.message));
      await refusedWithoutWrites(database.db, () => panel(s, s.enrolledOn, [{ analyte: 'alt', value: 30, unit: 'U/L' }]), { kind: 'invalid', code: 'wrong_panel', field: 'results.0.analyte' });
    });

    test('dates: before enrollment, in the future; a subject at another site is not found, one not enrolled a conflict', async () => {
      const s = await subject();
      await refusedWithoutWrites(database.db, () => panel(s, '2026-08-01', [{ analyte: 'platelets', value: 30, unit: '10*9/L' }]), { kind: 'invalid', code: 'date_too_early', field: 'collectedOn' });
      await refusedWithoutWrites(database.db, () => panel(s, '2026-12-01', [{ analyte: 'platelets', value: 30, unit: '10*9/L' }]), { kind: 'invalid', code: 'future_date', field: 'collectedOn' });
      await refusedWithoutWrites(database.db, () => labs.recordPanel(coordB, { studyId: STUDY, subjectNumber: s.subjectNumber, collectedOn: s.enrolledOn, panel: 'cbc', results: [{ analyte: 'platelets', value: 30, unit: '10*9/L' }] }), { kind: 'not_found', code: 'not_found', field: 'subjectNumber' });
      const pending = await servicesAt(stores, fixedClock(new Date('2026-09-01T04:00:00.000Z'))).screening.startScreening(coordA, screeningInput(SITE_A, 'eligible', { screenedOn: '2026-09-01' }));
      await refusedWithoutWrites(database.db, () => labs.recordPanel(coordA, { studyId: STUDY, subjectNumber: pending.subjectNumber, collectedOn: '2026-09-02', panel: 'cbc', results: [{ analyte: 'platelets', value: 30, unit: '10*9/L' }] }), { kind: 'conflict', code: 'not_enrolled', field: 'subjectNumber' });
      const monitor = actorWith('monitor-labs', [{ role: 'monitor', siteCode: null }]);
      await assert.rejects(labs.recordPanel(monitor, { studyId: STUDY, subjectNumber: s.subjectNumber, collectedOn: s.enrolledOn, panel: 'cbc', results: [{ analyte: 'platelets', value: 30, unit: '10*9/L' }] }), { kind: 'forbidden' });
    });

    test('a soft check (Hb up 40 g/L in 5 days, no transfusion) is stored as a warning and raises a data query in the same transaction', async () => {
      const s = await subject();
      await panel(s, '2026-09-05', [{ analyte: 'hemoglobin', value: 60, unit: 'g/L' }]);
      const [rise] = await panel(s, '2026-09-10', [{ analyte: 'hemoglobin', value: 100, unit: 'g/L' }]);
      assert.deepEqual(rise.checkResults.map((check) => check.check), ['cross-visit.hemoglobin-rise']);
      assert.match(rise.checkResults[0].message.zh, /\p{Script=Han}/u);
      const queries = await database.db.selectFrom('data_query').selectAll().where('record_type', '=', 'lab_result').where('record_id', '=', rise.id).execute();
      assert.equal(queries.length, 1);
      assert.deepEqual([queries[0].origin, queries[0].check_id, queries[0].field, queries[0].state, queries[0].site_code], ['edit_check', 'cross-visit.hemoglobin-rise', 'value', 'open', SITE_A]);
      // Logged RBC transfusion in between: no warning.
      const t = await subject();
      await panel(t, '2026-09-05', [{ analyte: 'hemoglobin', value: 60, unit: 'g/L' }]);
      await labs.recordTransfusion(coordA, { studyId: STUDY, subjectNumber: t.subjectNumber, givenOn: '2026-09-07', product: 'RBC', units: 2, preHb: { value: 5.8, unit: 'g/dL' } });
      const [explained] = await panel(t, '2026-09-10', [{ analyte: 'hemoglobin', value: 100, unit: 'g/L' }]);
      assert.deepEqual(explained.checkResults, []);
    });

    test('baseline: a result entered later for day 0 becomes the baseline and the post-baseline result is re-graded against it', async () => {
      const s = await subject();
      const uln = (await panel(s, '2026-09-20', [{ analyte: 'bilirubin.total', value: 1, unit: 'umol/L' }], { panel: 'chemistry' }))[0].uln as number;
      assert.ok(uln > 0);
      const [late] = await panel(s, '2026-09-21', [{ analyte: 'bilirubin.total', value: 3 * uln, unit: 'umol/L' }], { panel: 'chemistry' });
      assert.equal(late.isBaseline, false);
      assert.equal(late.grades[0].grade, 2, late.grades[0].reason);
      const [base] = await panel(s, s.enrolledOn, [{ analyte: 'bilirubin.total', value: 2 * uln, unit: 'umol/L' }], { panel: 'chemistry' });
      assert.equal(base.isBaseline, true);
      const regraded = (await labs.listResults(coordA, STUDY, s.subjectNumber, { analyte: 'bilirubin.total' })).find((result) => result.id === late.id);
      assert.equal(regraded?.grades[0].grade, 1, regraded?.grades[0].reason);
      const flags = (await labs.listResults(coordA, STUDY, s.subjectNumber, { analyte: 'bilirubin.total' })).map((result) => [result.collectedOn, result.isBaseline]);
      assert.deepEqual(flags.filter(([, flag]) => flag), [[s.enrolledOn, true]], 'one baseline');
    });

    test('the site\'s reference range valid on the collection date is used instead of the default', async () => {
      const s = await subject(SITE_B);
      await sql`update study_site set range_site_id = 'LABS-TEST' where study_id = ${STUDY} and site_code = ${SITE_B}`.execute(database.db);
      await stores.siteRanges.replace('LABS-TEST', [
        { siteId: 'LABS-TEST', analyte: 'platelets', sex: 'any', low: 100, high: 300, unit: '10*9/L', source: 'site lab', effectiveFrom: '2026-09-15' },
      ]);
      const [before] = await panel(s, '2026-09-10', [{ analyte: 'platelets', value: 110, unit: '10*9/L' }]);
      const [inForce] = await panel(s, '2026-09-20', [{ analyte: 'platelets', value: 110, unit: '10*9/L' }]);
      assert.equal(before.lln, 125);
      assert.equal(before.limitBasis?.low?.source, 'default');
      assert.equal(before.grades[0].grade, 1);
      assert.equal(inForce.lln, 100);
      assert.equal(inForce.limitBasis?.low?.source, 'site');
      assert.equal(inForce.grades[0].grade, 0);
    });

    test('FHIR Observations: LOINC → analyte, UCUM converted, the lab\'s reference range honoured; re-importing is idempotent', async () => {
      const s = await subject();
      const bundle = {
        resourceType: 'Bundle', type: 'collection', entry: [
          { resource: { resourceType: 'Observation', id: 'plt-1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '777-3' }] }, effectiveDateTime: '2026-09-15T08:00:00+08:00', valueQuantity: { value: 45000, unit: '/uL', system: 'http://unitsofmeasure.org', code: '/uL' }, referenceRange: [{ low: { value: 150, unit: '10*3/uL', system: 'http://unitsofmeasure.org', code: '10*3/uL' } }] } },
          { resource: { resourceType: 'Observation', id: 'bp-1', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, effectiveDateTime: '2026-09-15', valueQuantity: { value: 120, unit: 'mm[Hg]' } } },
        ],
      };
      const first = await labs.importFhir(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, resources: bundle });
      assert.equal(first.imported.length, 1, JSON.stringify(first));
      assert.equal(first.imported[0].analyte, 'platelets');
      assert.equal(first.imported[0].canonicalValue, 45);
      assert.equal(first.imported[0].collectedOn, '2026-09-15');
      assert.equal(first.imported[0].source, 'fhir');
      assert.equal(first.imported[0].sourceReference, 'Observation/plt-1');
      assert.equal(first.imported[0].lln, 150);
      assert.equal(first.imported[0].limitBasis?.low?.source, 'observation');
      assert.equal(first.skipped.length, 1);
      const again = await labs.importFhir(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, resources: bundle.entry.map((entry) => entry.resource) });
      assert.deepEqual([again.imported.length, again.unchanged], [0, ['plt-1']]);
      assert.equal((await labs.listResults(coordA, STUDY, s.subjectNumber, { analyte: 'platelets' })).length, 1);
      await assert.rejects(labs.importFhir(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, resources: { resourceType: 'Patient' } }), { kind: 'invalid', code: 'invalid_fhir' });
    });

    test('a correction with a reason re-grades and audits old → new; transfusions and marrow examinations are stored in canonical units', async () => {
      const s = await subject();
      const [result] = await panel(s, s.enrolledOn, [{ analyte: 'platelets', value: 30, unit: '10*9/L' }]);
      const corrected = await labs.correctResult(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, labResultId: String(result.id), value: 20, unit: '10*3/uL', reason: 'transcription error' });
      assert.equal(corrected.canonicalValue, 20);
      assert.equal(corrected.grades[0].grade, 4);
      const audit = await database.db.selectFrom('audit_event').select(['old_value', 'new_value', 'reason']).where('record_type', '=', 'lab_result').where('record_id', '=', String(result.id)).where('action', '=', 'update').executeTakeFirstOrThrow();
      assert.equal((audit.old_value as { value: number }).value, 30);
      assert.equal(audit.reason, 'transcription error');
      await refusedWithoutWrites(database.db, () => labs.correctResult(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, labResultId: result.id, value: -5, unit: '10*9/L', reason: 'x' }), { kind: 'unprocessable', code: 'edit_check_failed', field: 'value' });
      await refusedWithoutWrites(database.db, () => labs.correctResult(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, labResultId: result.id, value: 25, unit: '10*9/L', reason: '' }), { kind: 'invalid', code: 'required', field: 'reason' });

      const transfusion = await labs.recordTransfusion(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, givenOn: '2026-09-03', product: 'platelets', units: 1, prePlatelets: { value: 8000, unit: '/mm3' }, preHb: { value: 7.2, unit: 'g/dL' } });
      assert.deepEqual([transfusion.prePlatelets, transfusion.preHb], [8, 72]);
      await refusedWithoutWrites(database.db, () => labs.recordTransfusion(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, givenOn: '2026-09-03', product: 'RBC', units: 2, preHb: { value: 400, unit: 'g/L' } }), { kind: 'unprocessable', code: 'edit_check_failed', field: 'preHb.value' });
      await refusedWithoutWrites(database.db, () => labs.recordTransfusion(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, givenOn: '2026-09-03', product: 'whole blood' as never, units: 2 }), { kind: 'invalid', code: 'invalid_option', field: 'product' });
      const fixed = await labs.correctTransfusion(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, transfusionId: transfusion.id, units: 2, reason: 'two units given' });
      assert.equal(fixed.units, 2);
      assert.deepEqual((await labs.listTransfusions(coordA, STUDY, s.subjectNumber)).map((t) => t.units), [2]);

      const marrow = await labs.recordMarrowExam(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, examinedOn: '2026-09-02', cellularityPercent: 15, residualHematopoieticPercent: 20, findings: 'hypocellular, no fibrosis' });
      assert.equal(marrow.cellularityPercent, 15);
      await refusedWithoutWrites(database.db, () => labs.recordMarrowExam(coordA, { studyId: STUDY, subjectNumber: s.subjectNumber, examinedOn: '2026-09-02', cellularityPercent: 120 }), { kind: 'invalid', code: 'invalid_value', field: 'cellularityPercent' });
      assert.equal((await labs.listMarrowExams(coordA, STUDY, s.subjectNumber)).length, 1);
      await assert.rejects(labs.listMarrowExams(coordB, STUDY, s.subjectNumber), { kind: 'not_found' });
    });
  });
}
