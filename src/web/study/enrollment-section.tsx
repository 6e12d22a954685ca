// Enrollment of a screened subject: the enroll button (randomized by the system, the one arm assigned,
// or — for a non-randomized study with several groups — the group the investigator names), an override
// with its reason for an investigator when the screening is not eligible, the allocation once made,
// and emergency unblinding in a blinded study. Every refusal is the API's own message.
import { useState } from 'react';
import { assignmentOf } from '../../core/study/protocol.ts';
import { enroll, fetchEnrollment, unblind, type EnrollmentView, type ScreeningView, type StudyDetail, type UnblindingView } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import { ApiProblem, invalidIf } from './api-problem.tsx';
import { formatDateTime, protocolLabel } from './format.ts';
import { useSubmit } from './use-submit.ts';

interface Rights {
  enroll: boolean;
  override: boolean;
  unblind: boolean;
}

export function EnrollmentSection({ study, screening, rights, onEnrolled }: { study: StudyDetail; screening: ScreeningView; rights: Rights; onEnrolled(): void }) {
  const t = useT();
  return (
    <section className="study-section" aria-labelledby="enrollment-heading">
      <h2 id="enrollment-heading">{t('conduct.enrollment.title')}</h2>
      {screening.outcome === 'enrolled' ? (
        <EnrollmentDetails study={study} screening={screening} canUnblind={rights.unblind} />
      ) : screening.outcome === 'pending' ? (
        rights.enroll ? <EnrollForm study={study} screening={screening} canOverride={rights.override} onEnrolled={onEnrolled} /> : <p className="muted">{t('conduct.enrollment.notAllowed')}</p>
      ) : (
        <p className="muted">{t('conduct.enrollment.closed')}</p>
      )}
    </section>
  );
}

function armName(study: StudyDetail, t: ReturnType<typeof useT>, code: string | null): string {
  if (code === null) return t('conduct.enrollment.armHidden');
  const arm = study.arms.find((candidate) => candidate.code === code);
  return arm ? `${protocolLabel(t, arm)} (${code})` : code;
}

function EnrollForm({ study, screening, canOverride, onEnrolled }: { study: StudyDetail; screening: ScreeningView; canOverride: boolean; onEnrolled(): void }) {
  const t = useT();
  const assignment = assignmentOf(study.protocol);
  const needsOverride = screening.verdict !== 'eligible';
  const [arm, setArm] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const { busy, error, submit } = useSubmit(
    () =>
      enroll(study.studyId, screening.subjectNumber, {
        ...(needsOverride && canOverride ? { override: { reason: overrideReason.trim() } } : {}),
        ...(assignment === 'investigator_choice' ? { arm } : {}),
      }),
    () => onEnrolled(),
  );
  return (
    <form onSubmit={submit}>
      <p className="muted">{t(assignment === 'randomized' ? 'conduct.enrollment.randomizedHint' : assignment === 'the_one_arm' ? 'conduct.enrollment.oneArmHint' : 'conduct.enrollment.choiceHint')}</p>
      {assignment === 'investigator_choice' ? (
        <label className="field field-compact">
          <span>{t('conduct.enrollment.arm')}</span>
          <select value={arm} onChange={(event) => setArm(event.target.value)} {...invalidIf(error, 'arm', 'enroll-problem')}>
            <option value="">{t('conduct.enrollment.chooseArm')}</option>
            {study.arms.map((candidate) => <option key={candidate.code} value={candidate.code}>{protocolLabel(t, candidate)}</option>)}
          </select>
        </label>
      ) : null}
      {needsOverride ? (
        canOverride ? (
          <label className="field">
            <span>{t('conduct.enrollment.overrideReason')}</span>
            <textarea value={overrideReason} rows={2} onChange={(event) => setOverrideReason(event.target.value)} {...invalidIf(error, 'override', 'enroll-problem')} />
            <span className="hint">{t('conduct.enrollment.overrideHint')}</span>
          </label>
        ) : (
          <p className="notice">{t('conduct.enrollment.needsInvestigator')}</p>
        )
      ) : null}
      <p>
        <button type="submit" className="button button-primary" disabled={busy}>{needsOverride && canOverride ? t('conduct.enrollment.enrollOverride') : t('conduct.enrollment.enroll')}</button>
      </p>
      {error ? <ApiProblem error={error} id="enroll-problem" /> : null}
    </form>
  );
}

function EnrollmentDetails({ study, screening, canUnblind }: { study: StudyDetail; screening: ScreeningView; canUnblind: boolean }) {
  const t = useT();
  const enrollment = useApi(`enrollment:${study.studyId}:${screening.subjectNumber}`, (signal) => fetchEnrollment(study.studyId, screening.subjectNumber, signal));
  const [unblinded, setUnblinded] = useState<UnblindingView | null>(null);
  if (enrollment.state.status === 'error') return <ApiProblem error={enrollment.state.error} />;
  if (!enrollment.state.data) return <Loading label={t('conduct.loading')} />;
  const view: EnrollmentView = enrollment.state.data;
  return (
    <>
      <dl className="facts facts-inline" data-enrollment="">
        <div>
          <dt>{t('conduct.enrollment.arm')}</dt>
          <dd data-arm={view.arm ?? ''}>{armName(study, t, unblinded?.arm ?? view.arm)}</dd>
        </div>
        <div>
          <dt>{t('conduct.enrollment.at')}</dt>
          <dd>{formatDateTime(t, view.randomizedAt)}</dd>
        </div>
        <div>
          <dt>{t('conduct.enrollment.by')}</dt>
          <dd>{view.randomizedBy}</dd>
        </div>
        <div>
          <dt>{t('conduct.enrollment.strata')}</dt>
          <dd>{Object.entries(view.strata).map(([key, level]) => `${key}: ${level}`).join(' · ') || '—'}</dd>
        </div>
        {view.overridden && screening.override ? (
          <div>
            <dt>{t('conduct.enrollment.overridden')}</dt>
            <dd>{t('conduct.enrollment.overrideBy', { user: screening.override.by, reason: screening.override.reason })}</dd>
          </div>
        ) : null}
      </dl>
      {study.blinded && view.arm === null && !unblinded && canUnblind ? <UnblindForm study={study} subjectNumber={screening.subjectNumber} onUnblinded={setUnblinded} /> : null}
      {unblinded ? <p className="notice notice-attention">{t('conduct.unblind.done', { user: unblinded.by, at: formatDateTime(t, unblinded.at) })}</p> : null}
    </>
  );
}

function UnblindForm({ study, subjectNumber, onUnblinded }: { study: StudyDetail; subjectNumber: string; onUnblinded(view: UnblindingView): void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(() => unblind(study.studyId, subjectNumber, { reason: reason.trim() }), onUnblinded);
  return (
    <form className="unblind-form" onSubmit={submit} aria-labelledby="unblind-heading">
      <h3 id="unblind-heading">{t('conduct.unblind.title')}</h3>
      <p className="muted">{t('conduct.unblind.hint')}</p>
      <label className="field">
        <span>{t('conduct.unblind.reason')}</span>
        <textarea value={reason} rows={2} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'reason', 'unblind-problem')} />
      </label>
      <p><button type="submit" className="button button-primary" disabled={busy}>{t('conduct.unblind.submit')}</button></p>
      {error ? <ApiProblem error={error} id="unblind-problem" /> : null}
    </form>
  );
}
