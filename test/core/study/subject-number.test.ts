import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSubjectNumber, parseSubjectNumber } from '../../../src/core/study/subject-number.ts';
import { EligoError } from '../../../src/core/problems.ts';

test('subject numbers: site code, hyphen, sequence padded to three digits', () => {
  assert.equal(formatSubjectNumber('QL01', 7), 'QL01-007');
  assert.equal(formatSubjectNumber('QL01', 1234), 'QL01-1234');
  assert.deepEqual(parseSubjectNumber('QL01-007'), { siteCode: 'QL01', seq: 7 });
  assert.deepEqual(parseSubjectNumber('HB-01-050'), { siteCode: 'HB-01', seq: 50 });
  assert.deepEqual(parseSubjectNumber('QL01-1234'), { siteCode: 'QL01', seq: 1234 });
});

test('malformed subject numbers: invalid, naming the field, the value and the expected form', () => {
  for (const bad of ['QL01-7', 'QL01-0007', 'ql01-007', 'QL01007', 'QL01-000', '', 'QL01-007 ', 7, null, 'Q-001']) {
    assert.throws(() => parseSubjectNumber(bad), (error: unknown) => {
      assert.ok(error instanceof EligoError);
      assert.equal(error.kind, 'invalid');
      assert.equal(error.problems[0].field, 'subjectNumber');
      assert.equal(error.problems[0].code, 'invalid_subject_number');
      assert.match(error.problems[0].expected, /SITE-NNN/);
      return true;
    }, String(bad));
  }
  assert.equal((() => { try { parseSubjectNumber('x', 'filter.subjectNumber'); } catch (e) { return (e as EligoError).problems[0].field; } })(), 'filter.subjectNumber');
  assert.throws(() => formatSubjectNumber('ql', 1), RangeError);
  assert.throws(() => formatSubjectNumber('QL01', 0), RangeError);
});
