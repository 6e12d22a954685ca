// The coverage tally: counts per status, trials without criteria, and the unparsed phrases by frequency.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addToCoverage, coverageReport, createCoverageTally } from '../../../../src/core/criteria/parse/coverage.ts';
import { parseCriteria } from '../../../../src/core/criteria/parse/index.ts';

test('coverage counts statuses and ranks unparsed phrases, numbers folded to "#"', () => {
  const tally = createCoverageTally();
  addToCoverage(tally, parseCriteria('Inclusion Criteria:\n- ECOG 0-1\n- Owns 2 bicycles\n- Owns 3 bicycles\n- Signed informed consent'));
  addToCoverage(tally, parseCriteria('Exclusion Criteria:\n- Hemoglobin < 9 g/dL despite transfusion'));
  addToCoverage(tally, null);
  const report = coverageReport(tally, 5);
  assert.deepEqual([report.trials, report.trialsWithoutCriteria, report.criteria], [3, 1, 5]);
  assert.deepEqual([report.computable, report.partial, report.needs_review], [2, 1, 2]);
  assert.deepEqual([report.computableData, report.computableConfirmOnly], [1, 1]);
  assert.equal(report.shares.computable + report.shares.partial + report.shares.needs_review, 1);
  assert.equal(report.shares.computable_data + report.shares.computable_confirm_only, report.shares.computable);
  assert.deepEqual(report.topUnparsed[0], { phrase: 'owns # bicycles', count: 2 });
  assert.ok(report.topUnparsed.some((entry) => entry.phrase === 'despite transfusion'));
});

test('an empty tally reports zero shares rather than dividing by zero', () => {
  const report = coverageReport(createCoverageTally());
  assert.deepEqual(report.shares, { computable: 0, computable_data: 0, computable_confirm_only: 0, partial: 0, needs_review: 0 });
  assert.deepEqual(report.topUnparsed, []);
});
