// The two seed studies as shipped (data/studies/*.json, loaded with the seed trials): a subject
// screened with the seed rule set, consented on the current form and enrolled — stratified by site,
// diagnosis group and severity in NCT05794425; the investigator's named group in NCT03055078. Site
// codes, factors and form versions are read from the loaded study, not assumed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testBackends } from '../support/databases.ts';
import { conductServicesFor } from '../../src/conduct/compose.ts';
import { currentConsentForm, type ProtocolSettings } from '../../src/core/study/protocol.ts';
import { createStores } from '../../src/store/index.ts';
import type { Database } from '../../src/store/database.ts';
import { actorWith, patientRecord, screeningInput } from './subject-fixtures.ts';
import type { ConductServices } from '../../src/conduct/services.ts';

for (const backend of testBackends()) {
  describe(`${backend.name}: the seed studies`, () => {
    let database: Database & { dispose(): Promise<void> };
    let services: ConductServices;
    before(async () => {
      database = await backend.open({ seed: true });
      services = conductServicesFor(createStores(database.db));
    });
    after(async () => database?.dispose());

    async function enrollOne(studyId: string, arm?: string) {
      const reader = actorWith('sponsor', [{ role: 'sponsor_admin', studyId }]);
      const study = await services.studies.getStudy(reader, studyId);
      const protocol: ProtocolSettings = study.protocol;
      const site = (await services.studies.listSites(reader, studyId)).find((s) => s.status === 'active')!;
      const investigator = actorWith(`inv-${studyId}`, [{ role: 'investigator', studyId, siteCode: site.siteCode }]);
      const factors = Object.fromEntries(protocol.strata.map((factor) => [factor.key, factor.levels[0].code]));
      const today = new Date().toISOString().slice(0, 10);
      const screening = await services.screening.startScreening(investigator, { ...screeningInput(site.siteCode), studyId, screenedOn: today, factors, source: { kind: 'manual', record: patientRecord('eligible') } });
      assert.equal(screening.subjectNumber, `${site.siteCode}-001`);
      assert.equal(screening.ruleSet.nctId, studyId);
      const form = currentConsentForm(protocol, today)!;
      await services.consent.recordConsent(investigator, { studyId, subjectNumber: screening.subjectNumber, formVersion: form.version, signedAt: new Date(Date.now() - 60_000).toISOString(), obtainedBy: investigator.username, signer: 'patient', signatureStatus: 'signed' });
      // The seed rule set needs far more than this record holds: an investigator's override enrolls it.
      const override = screening.verdict === 'eligible' ? undefined : { reason: 'test: remaining criteria checked in the chart' };
      return { site, protocol, factors, enrolled: await services.enrollment.enroll(investigator, { studyId, subjectNumber: screening.subjectNumber, override, arm }) };
    }

    test('NCT05794425: randomized, stratified by site and every protocol factor', async () => {
      const { site, protocol, factors, enrolled } = await enrollOne('NCT05794425');
      assert.deepEqual(enrolled.strata, { site: site.siteCode, ...factors });
      assert.ok(protocol.arms.some((arm) => arm.code === enrolled.arm));
    });

    test('NCT03055078: the investigator names the group; without one it is refused', async () => {
      const studyId = 'NCT03055078';
      const reader = actorWith('sponsor', [{ role: 'sponsor_admin', studyId }]);
      const arms = (await services.studies.getStudy(reader, studyId)).protocol.arms.map((arm) => arm.code);
      assert.ok(arms.length > 1);
      await assert.rejects(enrollOne(studyId), (error: { kind: string; problems: Array<{ field: string }> }) => error.kind === 'invalid' && error.problems[0].field === 'arm');
      // The refused call wrote nothing but the screening and consent before it: the same subject enrolls with a group named.
      const site = (await services.studies.listSites(reader, studyId))[0].siteCode;
      const investigator = actorWith('inv-hb', [{ role: 'investigator', studyId, siteCode: site }]);
      const subjectNumber = `${site}-001`;
      const verdict = (await services.screening.getScreening(investigator, studyId, subjectNumber)).verdict;
      const enrolled = await services.enrollment.enroll(investigator, { studyId, subjectNumber, arm: arms[1], override: verdict === 'eligible' ? undefined : { reason: 'test: remaining criteria checked in the chart' } });
      assert.equal(enrolled.arm, arms[1]);
      assert.deepEqual(enrolled.strata, {});
    });
  });
}
