// A subject's identifying details, for that site's staff only and only when asked for: the request
// carries the pseudonymous subject number, the answer stays in this component until it is hidden.
import { useState } from 'react';
import { fetchIdentity, type SubjectIdentity } from '../api/conduct.ts';
import { useT } from '../i18n/i18n.tsx';
import { ApiProblem } from './api-problem.tsx';
import { formatDay } from './format.ts';
import { useSubmit } from './use-submit.ts';

export function IdentityPanel({ studyId, subjectNumber }: { studyId: string; subjectNumber: string }) {
  const t = useT();
  const [identity, setIdentity] = useState<SubjectIdentity | null>(null);
  const { busy, error, submit: show } = useSubmit(() => fetchIdentity(studyId, subjectNumber), setIdentity);
  return (
    <section className="study-section identity-panel" aria-labelledby="identity-heading">
      <h2 id="identity-heading">{t('conduct.identity.legend')}</h2>
      <p className="hint identifying-note">{t('conduct.identity.viewNote')}</p>
      {identity ? (
        <>
          <dl className="facts facts-inline" data-identity="">
            <div><dt>{t('conduct.identity.name')}</dt><dd>{identity.name}</dd></div>
            <div><dt>{t('conduct.identity.hospitalNumber')}</dt><dd>{identity.hospitalNumber}</dd></div>
            <div><dt>{t('conduct.identity.birthDate')}</dt><dd>{formatDay(t, identity.birthDate)}</dd></div>
            <div><dt>{t('conduct.identity.phone')}</dt><dd>{identity.phone ?? '—'}</dd></div>
          </dl>
          <button type="button" className="button button-secondary" onClick={() => setIdentity(null)}>{t('conduct.identity.hide')}</button>
        </>
      ) : (
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void show()}>{t('conduct.identity.show')}</button>
      )}
      {error ? <ApiProblem error={error} id="identity-problem" /> : null}
    </section>
  );
}
