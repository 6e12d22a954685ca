// A subject's consents: each with its form version, when and by whom it was obtained, who signed and
// its state (valid, withdrawn, refused, outdated form); recording a consent and withdrawing one.
import { useState } from 'react';
import { currentConsentForm } from '../../core/study/protocol.ts';
import { listConsents, recordConsent, SIGNATURE_STATUSES, SIGNERS, withdrawConsent, type ConsentView, type Signer, type SignatureStatus, type StudyDetail } from '../api/conduct.ts';
import { useApi } from '../components/use-api.ts';
import { Loading } from '../components/notices.tsx';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { localToday } from '../screening/patient-source.tsx';
import { ApiProblem, invalidIf } from './api-problem.tsx';
import { formatDateTime, formatDay, isoFromLocalInput, localNowForInput } from './format.ts';
import { useSubmit } from './use-submit.ts';
import { ConsentStateTag } from './tags.tsx';

export function ConsentSection({ study, subjectNumber, canWrite, username, onChange }: { study: StudyDetail; subjectNumber: string; canWrite: boolean; username: string; onChange(): void }) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const consents = useApi(`consents:${study.studyId}:${subjectNumber}:${version}`, (signal) => listConsents(study.studyId, subjectNumber, signal));
  const changed = () => {
    setVersion((n) => n + 1);
    onChange();
  };
  return (
    <section className="study-section" aria-labelledby="consent-heading">
      <h2 id="consent-heading">{t('conduct.consent.title')}</h2>
      {consents.state.status === 'error' ? <ApiProblem error={consents.state.error} /> : null}
      {!consents.state.data ? (
        consents.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null
      ) : consents.state.data.length === 0 ? (
        <p className="notice notice-empty">{t('conduct.consent.none')}</p>
      ) : (
        <ul className="consent-list">
          {consents.state.data.map((consent) => <ConsentItem key={consent.id} consent={consent} canWrite={canWrite} onWithdrawn={changed} />)}
        </ul>
      )}
      {canWrite ? <ConsentForm study={study} subjectNumber={subjectNumber} username={username} onRecorded={changed} /> : null}
    </section>
  );
}

function ConsentItem({ consent, canWrite, onWithdrawn }: { consent: ConsentView; canWrite: boolean; onWithdrawn(): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [withdrawnOn, setWithdrawnOn] = useState(localToday);
  const [reason, setReason] = useState('');
  const problemId = `withdraw-problem-${consent.id}`;
  const { busy, error, submit } = useSubmit(
    () => withdrawConsent(consent.studyId, consent.id, { withdrawnOn, reason: reason.trim() }),
    () => {
      setOpen(false);
      onWithdrawn();
    },
  );
  return (
    <li className="consent-item" data-consent={consent.formVersion}>
      <p>
        <strong>{t('conduct.consent.formVersion')} {consent.formVersion}</strong> <ConsentStateTag state={consent.state} />
      </p>
      <p className="muted">
        {t('conduct.consent.summary', {
          at: formatDateTime(t, consent.signedAt),
          by: consent.obtainedBy,
          signer: consent.signer === 'guardian' ? t('conduct.consent.guardianSummary', { name: consent.guardianName ?? '', relationship: consent.guardianRelationship ?? '' }) : t('conduct.consent.signer.patient'),
          status: t(`conduct.consent.signature.${consent.signatureStatus}` as MessageKey),
        })}
        {consent.withdrawnOn ? ` · ${t('conduct.consent.withdrawnOn', { date: formatDay(t, consent.withdrawnOn) })}` : ''}
      </p>
      {canWrite && consent.withdrawnOn === null && consent.signatureStatus === 'signed' ? (
        open ? (
          <form className="inline-form" onSubmit={submit}>
            <label className="field">
              <span>{t('conduct.consent.withdrawnDate')}</span>
              <input type="date" value={withdrawnOn} max={localToday()} onChange={(event) => setWithdrawnOn(event.target.value)} {...invalidIf(error, 'withdrawnOn', problemId)} />
            </label>
            <label className="field">
              <span>{t('conduct.consent.withdrawReason')}</span>
              <input value={reason} onChange={(event) => setReason(event.target.value)} {...invalidIf(error, 'reason', problemId)} />
            </label>
            <p>
              <button type="submit" className="button button-primary" disabled={busy}>{t('conduct.consent.withdrawConfirm')}</button>{' '}
              <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>{t('conduct.cancel')}</button>
            </p>
            {error ? <ApiProblem error={error} id={problemId} /> : null}
          </form>
        ) : (
          <button type="button" className="button-link" onClick={() => setOpen(true)}>{t('conduct.consent.withdraw')}</button>
        )
      ) : null}
    </li>
  );
}

function ConsentForm({ study, subjectNumber, username, onRecorded }: { study: StudyDetail; subjectNumber: string; username: string; onRecorded(): void }) {
  const t = useT();
  const forms = study.protocol.consentForms;
  const current = currentConsentForm(study.protocol, localToday());
  const [formVersion, setFormVersion] = useState(current?.version ?? forms[forms.length - 1]?.version ?? '');
  const [signedAt, setSignedAt] = useState(localNowForInput);
  const [obtainedBy, setObtainedBy] = useState(username);
  const [signer, setSigner] = useState<Signer>('patient');
  const [guardianName, setGuardianName] = useState('');
  const [guardianRelationship, setGuardianRelationship] = useState('');
  const [signatureStatus, setSignatureStatus] = useState<SignatureStatus>('signed');
  const [language, setLanguage] = useState<string>(t.language);
  const chosenForm = forms.find((form) => form.version === formVersion);

  const { busy, error, submit } = useSubmit(
    () =>
      recordConsent(study.studyId, subjectNumber, {
        formVersion,
        // A malformed or empty date goes as typed so that the API names the field.
        signedAt: isoFromLocalInput(signedAt) ?? signedAt,
        obtainedBy: obtainedBy.trim(),
        signer,
        ...(signer === 'guardian' ? { guardianName: guardianName.trim(), guardianRelationship: guardianRelationship.trim() } : {}),
        signatureStatus,
        language,
      }),
    () => onRecorded(),
  );

  return (
    <form className="consent-form" onSubmit={submit} aria-labelledby="consent-form-heading">
      <h3 id="consent-form-heading">{t('conduct.consent.record')}</h3>
      <div className="form-grid">
        <label className="field">
          <span>{t('conduct.consent.formVersion')}</span>
          <select value={formVersion} onChange={(event) => setFormVersion(event.target.value)} {...invalidIf(error, 'formVersion', 'consent-problem')}>
            {forms.map((form) => (
              <option key={form.version} value={form.version}>
                {t('conduct.consent.formOption', { version: form.version, date: formatDay(t, form.effectiveFrom) })}{form.version === current?.version ? ` — ${t('conduct.consent.current')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('conduct.consent.signedAt')}</span>
          <input type="datetime-local" value={signedAt} onChange={(event) => setSignedAt(event.target.value)} {...invalidIf(error, 'signedAt', 'consent-problem')} />
        </label>
        <label className="field">
          <span>{t('conduct.consent.obtainedBy')}</span>
          <input value={obtainedBy} onChange={(event) => setObtainedBy(event.target.value)} {...invalidIf(error, 'obtainedBy', 'consent-problem')} />
        </label>
        <label className="field">
          <span>{t('conduct.consent.language')}</span>
          <select value={language} onChange={(event) => setLanguage(event.target.value)} {...invalidIf(error, 'language', 'consent-problem')}>
            {(chosenForm?.languages ?? ['en', 'zh']).map((code) => <option key={code} value={code}>{t(`language.${code}`)}</option>)}
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{t('conduct.consent.signerLegend')}</legend>
        <div className="choice-row">
          {SIGNERS.map((value) => (
            <label key={value} className="check-row">
              <input type="radio" name="consent-signer" checked={signer === value} onChange={() => setSigner(value)} />
              <span>{t(`conduct.consent.signer.${value}` as MessageKey)}</span>
            </label>
          ))}
        </div>
        {signer === 'guardian' ? (
          <div className="form-grid">
            <label className="field">
              <span>{t('conduct.consent.guardianName')}</span>
              <input value={guardianName} autoComplete="off" onChange={(event) => setGuardianName(event.target.value)} {...invalidIf(error, 'guardianName', 'consent-problem')} />
            </label>
            <label className="field">
              <span>{t('conduct.consent.guardianRelationship')}</span>
              <input value={guardianRelationship} onChange={(event) => setGuardianRelationship(event.target.value)} {...invalidIf(error, 'guardianRelationship', 'consent-problem')} />
            </label>
          </div>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('conduct.consent.signatureLegend')}</legend>
        <div className="choice-row">
          {SIGNATURE_STATUSES.map((value) => (
            <label key={value} className="check-row">
              <input type="radio" name="consent-signature" checked={signatureStatus === value} onChange={() => setSignatureStatus(value)} />
              <span>{t(`conduct.consent.signature.${value}` as MessageKey)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p><button type="submit" className="button button-primary" disabled={busy}>{t('conduct.consent.save')}</button></p>
      {error ? <ApiProblem error={error} id="consent-problem" /> : null}
    </form>
  );
}
