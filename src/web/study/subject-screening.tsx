// A subject's screening work: the confirm points answered yes / no / unknown, and the outcome with its
// failure reasons. Once an outcome is set, a change needs a reason (the audit trail keeps it).
import { useState } from 'react';
import { CONFIRMATION_ANSWERS, recordConfirmations, setOutcome, type ConfirmationAnswer, type ScreeningOutcome, type ScreeningView } from '../api/conduct.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { RuleText } from '../screening/screening-result.tsx';
import { ApiProblem, invalidIf } from './api-problem.tsx';
import { formatDateTime } from './format.ts';
import { useSubmit } from './use-submit.ts';

type SettableOutcome = Exclude<ScreeningOutcome, 'enrolled'>;
const SETTABLE: readonly SettableOutcome[] = ['pending', 'screen_failure', 'declined'];

export function ConfirmationsPanel({ screening, canWrite, onSaved }: { screening: ScreeningView; canWrite: boolean; onSaved(next: ScreeningView): void }) {
  const t = useT();
  const recorded = new Map(screening.confirmations.map((confirmation) => [confirmation.criterion, confirmation]));
  const [answers, setAnswers] = useState<Record<string, ConfirmationAnswer | ''>>(() => Object.fromEntries(screening.result.confirm.map((item) => [item.criterion, recorded.get(item.criterion)?.answer ?? ''])));
  const [reason, setReason] = useState('');
  const closed = screening.outcome !== 'pending';
  const { busy, error, submit } = useSubmit(
    () => recordConfirmations(screening.studyId, screening.subjectNumber, {
      answers: Object.entries(answers).filter((entry): entry is [string, ConfirmationAnswer] => entry[1] !== '').map(([criterion, answer]) => ({ criterion, answer })),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    }),
    (next) => { setReason(''); onSaved(next); },
  );
  if (screening.result.confirm.length === 0) return null;
  return (
    <section className="study-section" aria-labelledby="confirm-heading">
      <h2 id="confirm-heading">{t('conduct.confirm.title')}</h2>
      <form onSubmit={submit}>
        {screening.result.confirm.map((item, index) => {
          const answered = recorded.get(item.criterion);
          return (
            <fieldset key={item.criterion} className="confirm-item" data-confirm={item.criterion} {...invalidIf(error, `answers.${index}`)}>
              <legend>
                <RuleText en={item.question} zh={item.questionZh} /> <span className="muted">({t('screening.forCriterion', { id: item.criterion })})</span>
              </legend>
              <div className="choice-row">
                {CONFIRMATION_ANSWERS.map((answer) => (
                  <label key={answer} className="check-row">
                    <input type="radio" name={`confirm-${item.criterion}`} value={answer} disabled={!canWrite} checked={answers[item.criterion] === answer} onChange={() => setAnswers({ ...answers, [item.criterion]: answer })} />
                    <span>{t(`conduct.confirm.${answer}` as MessageKey)}</span>
                  </label>
                ))}
              </div>
              {answered ? <p className="hint">{t('conduct.confirm.answeredBy', { user: answered.answeredBy, at: formatDateTime(t, answered.at) })}</p> : null}
            </fieldset>
          );
        })}
        {canWrite ? (
          <>
            {closed ? (
              <label className="field">
                <span>{t('conduct.reasonForChange')}</span>
                <textarea value={reason} rows={2} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'reason', 'confirm-problem')} />
              </label>
            ) : null}
            <p><button type="submit" className="button button-primary" disabled={busy}>{t('conduct.confirm.save')}</button></p>
          </>
        ) : null}
        {error ? <ApiProblem error={error} id="confirm-problem" /> : null}
      </form>
    </section>
  );
}

export function OutcomePanel({ screening, onSaved }: { screening: ScreeningView; onSaved(next: ScreeningView): void }) {
  const t = useT();
  const failed = screening.result.criteria.filter((criterion) => criterion.status === 'fail');
  const failedIds = new Set(failed.map((criterion) => criterion.id));
  const [outcome, setOutcomeChoice] = useState<SettableOutcome>(screening.outcome === 'enrolled' ? 'pending' : screening.outcome);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(screening.failureReasons.filter((reason) => failedIds.has(reason))));
  const [other, setOther] = useState(() => screening.failureReasons.filter((reason) => !failedIds.has(reason)).join('\n'));
  const [reason, setReason] = useState('');
  const alreadySet = screening.outcome !== 'pending';
  const { busy, error, submit } = useSubmit(
    () => setOutcome(screening.studyId, screening.subjectNumber, {
      outcome,
      failureReasons: outcome === 'screen_failure' ? [...chosen, ...other.split('\n').map((line) => line.trim()).filter(Boolean)] : [],
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    }),
    (next) => { setReason(''); onSaved(next); },
  );
  if (screening.outcome === 'enrolled') return null;
  return (
    <section className="study-section" aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{t('conduct.outcome.title')}</h2>
      <form onSubmit={submit}>
        <label className="field field-compact">
          <span>{t('conduct.log.outcome')}</span>
          <select value={outcome} onChange={(event) => setOutcomeChoice(event.target.value as SettableOutcome)} {...invalidIf(error, 'outcome', 'outcome-problem')}>
            {SETTABLE.map((value) => <option key={value} value={value}>{t(`conduct.outcome.${value}` as MessageKey)}</option>)}
          </select>
        </label>
        {outcome === 'screen_failure' ? (
          <fieldset className="failure-reasons" {...invalidIf(error, 'failureReasons', 'outcome-problem')}>
            <legend>{t('conduct.log.failureReasons')}</legend>
            {failed.map((criterion) => (
              <label key={criterion.id} className="check-row">
                <input type="checkbox" checked={chosen.has(criterion.id)} onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(criterion.id);
                  else next.delete(criterion.id);
                  setChosen(next);
                }} />
                <span><strong>{criterion.id}</strong> {criterion.text}</span>
              </label>
            ))}
            <label className="field">
              <span>{t('conduct.outcome.otherReasons')}</span>
              <textarea value={other} rows={2} onChange={(event) => setOther(event.target.value)} />
              <span className="hint">{t('conduct.outcome.otherHint')}</span>
            </label>
          </fieldset>
        ) : null}
        {alreadySet ? (
          <label className="field">
            <span>{t('conduct.reasonForChange')}</span>
            <textarea value={reason} rows={2} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'reason', 'outcome-problem')} />
          </label>
        ) : null}
        <p><button type="submit" className="button button-primary" disabled={busy}>{t('conduct.outcome.save')}</button></p>
        {error ? <ApiProblem error={error} id="outcome-problem" /> : null}
      </form>
    </section>
  );
}
