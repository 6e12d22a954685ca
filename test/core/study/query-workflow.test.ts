// The query state machine: every action from every state, legal or refused with the allowed ones named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EligoError } from '../../../src/core/problems.ts';
import { allowedActions, nextState, queryAgeDays, QUERY_STATES, type QueryRight, type QueryState } from '../../../src/core/study/query-workflow.ts';

const EXPECTED: Record<QueryState, Partial<Record<'answer' | 'close' | 'reopen' | 'comment', QueryState>>> = {
  open: { answer: 'answered', close: 'closed', comment: 'open' },
  answered: { close: 'closed', reopen: 'open', comment: 'answered' },
  closed: { reopen: 'open' },
};

test('every action from every state: the next state, or a conflict naming what is allowed', () => {
  for (const state of QUERY_STATES) {
    for (const action of ['answer', 'close', 'reopen', 'comment'] as const) {
      const expected = EXPECTED[state][action];
      if (expected) {
        assert.equal(nextState(state, action), expected, `${action} from ${state}`);
        continue;
      }
      assert.throws(() => nextState(state, action), (error: unknown) => {
        assert.ok(error instanceof EligoError);
        assert.equal(error.kind, 'conflict');
        assert.equal(error.code, 'query_state');
        assert.equal(error.problems[0].value, state);
        for (const allowed of Object.keys(EXPECTED[state])) assert.match(error.problems[0].expected, new RegExp(allowed));
        return true;
      }, `${action} from ${state} is refused`);
    }
  }
});

test('allowed actions depend on the rights held', () => {
  const site = new Set<QueryRight>(['query.answer']);
  const monitor = new Set<QueryRight>(['query.raise', 'query.close']);
  assert.deepEqual(allowedActions('open', site), ['answer', 'comment']);
  assert.deepEqual(allowedActions('open', monitor), ['close', 'comment']);
  assert.deepEqual(allowedActions('answered', site), ['comment']);
  assert.deepEqual(allowedActions('answered', monitor), ['close', 'reopen', 'comment']);
  assert.deepEqual(allowedActions('closed', site), []);
  assert.deepEqual(allowedActions('closed', monitor), ['reopen']);
});

test('age in whole days, 0 on the day raised', () => {
  const raised = new Date('2026-09-01T10:00:00Z');
  assert.equal(queryAgeDays(raised, new Date('2026-09-02T09:59:59Z')), 0);
  assert.equal(queryAgeDays(raised, new Date('2026-09-02T10:00:00Z')), 1);
  assert.equal(queryAgeDays(raised, new Date('2026-08-31T10:00:00Z')), 0);
});
