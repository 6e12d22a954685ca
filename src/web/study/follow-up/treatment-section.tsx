// The subject's treatment administrations on the visits page: the list (dose as given, total and per
// kg, the protocol's dose check and its warnings) and the form, which runs the protocol's dose check
// as the user types — checkTreatment, the same code the server runs — with product-specific fields
// (UCB: TNC/kg and CD34+/kg; cyclosporine A: trough level) and the infusion reaction.
import { useState } from 'react';
import { checkTreatment, DETAIL_FIELDS, DOSE_UNITS, listAdministrations, PRODUCTS, recordAdministration, ROUTES, type AdministrationView, type Product } from '../../api/visits.ts';
import { useApi } from '../../components/use-api.ts';
import { Loading } from '../../components/notices.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/en.ts';
import { ApiProblem, invalidIf } from '../api-problem.tsx';
import { formatDateTime, isoFromLocalInput, localNowForInput } from '../format.ts';
import { useSubmit } from '../use-submit.ts';
import type { SubjectAreaProps } from './areas.tsx';
import { AdministrationCorrection } from './administration-correction.tsx';
import { allows, sitesWith } from '../permissions.ts';
import { useSignedIn } from '../session-gate.tsx';

const PROBLEM_ID = 'administration-problem';

function DoseCheckNotice({ status, message }: { status: 'ok' | 'warning' | 'unchecked'; message: string }) {
  const t = useT();
  return (
    <div className={`notice ${status === 'ok' ? 'notice-ok' : 'notice-warning'}`} role="status" data-dose-check={status}>
      <p>{t(`treatment.check.${status}` as MessageKey)}</p>
      <p className="server-words">{message}</p>
    </div>
  );
}

export function TreatmentSection({ study, screening, onChange }: SubjectAreaProps) {
  const t = useT();
  const [version, setVersion] = useState(0);
  const [last, setLast] = useState<AdministrationView | null>(null);
  const { grants } = useSignedIn();
  const canWrite = allows(sitesWith(grants, study.studyId, 'data.write'), screening.siteCode);
  const saved = (recorded: AdministrationView) => { setLast(recorded); setVersion((n) => n + 1); onChange(); };
  const list = useApi(`administrations:${study.studyId}:${screening.subjectNumber}:${version}`, (signal) => listAdministrations(study.studyId, screening.subjectNumber, signal));
  return (
    <section className="study-section" aria-labelledby="treatment-heading" data-treatment="">
      <h2 id="treatment-heading">{t('treatment.title')}</h2>
      {list.state.status === 'error' ? <ApiProblem error={list.state.error} /> : null}
      {last && last.warnings.length > 0 ? (
        <div className="notice notice-warning" role="status" data-saved-warnings={last.warnings.map((w) => w.code).join(' ')}>
          <p>{t('treatment.savedWithWarnings')}</p>
          <ul>{last.warnings.map((w) => <li key={w.code}>{t(`treatment.warning.${w.code}` as MessageKey)} <span className="server-words">{w.message}</span></li>)}</ul>
          {last.warnings.some((w) => w.code !== 'dose_unchecked') ? <p data-dose-queried="">{t('treatment.queried')}</p> : null}
        </div>
      ) : null}
      {!list.state.data ? (list.state.status === 'loading' ? <Loading label={t('conduct.loading')} /> : null) : list.state.data.length === 0 ? (
        <p className="notice notice-empty">{t('treatment.none')}</p>
      ) : (
        <table className="data-table" aria-label={t('treatment.title')}>
          <thead><tr><th scope="col">{t('treatment.givenAt')}</th><th scope="col">{t('treatment.product')}</th><th scope="col">{t('treatment.dose')}</th><th scope="col">{t('treatment.derived')}</th><th scope="col">{t('treatment.route')}</th><th scope="col">{t('treatment.check')}</th>{canWrite ? <th scope="col"><span className="visually-hidden">{t('treatment.correct.open')}</span></th> : null}</tr></thead>
          <tbody>
            {list.state.data.map((row) => (
              <tr key={row.id} data-administration={row.id}>
                <td>{formatDateTime(t, row.givenAt)}</td>
                <td>{row.product}{row.lot ? ` · ${row.lot}` : ''}</td>
                <td>{row.dose.value} {row.dose.unit}</td>
                <td>{[row.doseTotal === null ? null : t('treatment.total', { value: row.doseTotal }), row.dosePerKg === null ? null : t('treatment.perKg', { value: row.dosePerKg })].filter(Boolean).join(' · ') || '—'}</td>
                <td>{t(`treatment.route.${row.route}` as MessageKey)}</td>
                <td><span className={`tag tag-dose-${row.doseCheck.status}`} title={row.doseCheck.message} data-row-dose-check={row.doseCheck.status}>{t(`treatment.check.${row.doseCheck.status}` as MessageKey)}</span></td>
                {canWrite ? <td><AdministrationCorrection row={row} onCorrected={saved} /></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite ? <><h3>{t('treatment.add')}</h3><AdministrationForm study={study} screening={screening} onRecorded={saved} /></> : null}
    </section>
  );
}

function AdministrationForm({ study, screening, onRecorded }: Omit<SubjectAreaProps, 'onChange'> & { onRecorded: (recorded: AdministrationView) => void }) {
  const t = useT();
  const [product, setProduct] = useState<Product>(PRODUCTS[0]);
  const [lot, setLot] = useState('');
  const [givenAt, setGivenAt] = useState(localNowForInput());
  const [route, setRoute] = useState<string>('IV');
  const [doseValue, setDoseValue] = useState('');
  const [doseUnit, setDoseUnit] = useState(DOSE_UNITS[PRODUCTS[0]][1]);
  const [weight, setWeight] = useState('');
  const [details, setDetails] = useState<Record<string, string>>({});
  const [reaction, setReaction] = useState(false);
  const [reactionText, setReactionText] = useState('');
  const [treated, setTreated] = useState(false);
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const value = number(doseValue);
  const weightKg = number(weight);
  const live = value !== undefined && Number.isFinite(value) && value > 0
    ? checkTreatment({ study: study.studyId, product, dose: { value, unit: doseUnit }, ...(weightKg !== undefined && Number.isFinite(weightKg) && weightKg > 0 ? { weightKg } : {}) }).doseCheck
    : undefined;
  const chooseProduct = (next: Product) => {
    setProduct(next);
    setDoseUnit(DOSE_UNITS[next][next === 'cyclosporine A' ? 0 : 1]);
    setRoute(next === 'cyclosporine A' ? 'oral' : 'IV');
    setDetails({});
  };
  const { busy, error, submit } = useSubmit(
    () => recordAdministration(study.studyId, screening.subjectNumber, {
      product, ...(lot.trim() ? { lot: lot.trim() } : {}), givenAt: isoFromLocalInput(givenAt) ?? givenAt, route,
      dose: { value: value ?? doseValue, unit: doseUnit }, ...(weight.trim() ? { weightKg: weightKg ?? weight } : {}),
      details: Object.fromEntries(Object.entries(details).filter(([, text]) => text.trim() !== '').map(([key, text]) => [key, Number(text)])),
      ...(reaction ? { infusionReaction: { occurred: true, ...(reactionText.trim() ? { description: reactionText.trim() } : {}), signs: { interruptedOrTreated: treated } } } : {}),
    }),
    (recorded) => { setDoseValue(''); setLot(''); setReaction(false); setReactionText(''); setTreated(false); onRecorded(recorded); },
  );
  return (
    <form className="stacked-form" onSubmit={submit} aria-label={t('treatment.add')} data-administration-form="">
      <label className="field"><span>{t('treatment.product')}</span>
        <select value={product} onChange={(event) => chooseProduct(event.target.value as Product)} {...invalidIf(error, 'product', PROBLEM_ID)}>
          {PRODUCTS.map((p) => <option key={p} value={p}>{t(`treatment.product.${p}` as MessageKey)}</option>)}
        </select>
      </label>
      <label className="field"><span>{t('treatment.lot')}</span><input value={lot} onChange={(event) => setLot(event.target.value)} /></label>
      <label className="field"><span>{t('treatment.givenAt')}</span><input type="datetime-local" value={givenAt} onChange={(event) => setGivenAt(event.target.value)} {...invalidIf(error, 'givenAt', PROBLEM_ID)} /></label>
      <label className="field"><span>{t('treatment.route')}</span>
        <select value={route} onChange={(event) => setRoute(event.target.value)}>{ROUTES.map((r) => <option key={r} value={r}>{t(`treatment.route.${r}` as MessageKey)}</option>)}</select>
      </label>
      <label className="field"><span>{t('treatment.doseValue')}</span><input inputMode="decimal" value={doseValue} onChange={(event) => setDoseValue(event.target.value)} {...invalidIf(error, 'dose.value', PROBLEM_ID)} /></label>
      <label className="field"><span>{t('treatment.doseUnit')}</span>
        <select value={doseUnit} onChange={(event) => setDoseUnit(event.target.value)} {...invalidIf(error, 'dose.unit', PROBLEM_ID)}>{DOSE_UNITS[product].map((unit) => <option key={unit} value={unit}>{unit}</option>)}</select>
      </label>
      <label className="field"><span>{t('treatment.weight')}</span><input inputMode="decimal" value={weight} onChange={(event) => setWeight(event.target.value)} {...invalidIf(error, 'weightKg', PROBLEM_ID)} /></label>
      {DETAIL_FIELDS[product].map((key) => (
        <label key={key} className="field"><span>{t(`treatment.detail.${key}` as MessageKey)}</span>
          <input inputMode="decimal" value={details[key] ?? ''} onChange={(event) => setDetails({ ...details, [key]: event.target.value })} {...invalidIf(error, `details.${key}`, PROBLEM_ID)} />
        </label>
      ))}
      <label className="field-inline"><input type="checkbox" checked={reaction} onChange={(event) => setReaction(event.target.checked)} /> {t('treatment.reaction')}</label>
      {reaction ? (
        <>
          <label className="field"><span>{t('treatment.reactionDescription')}</span><input value={reactionText} onChange={(event) => setReactionText(event.target.value)} /></label>
          <label className="field-inline"><input type="checkbox" checked={treated} onChange={(event) => setTreated(event.target.checked)} /> {t('treatment.reactionTreated')}</label>
        </>
      ) : null}
      {live ? <DoseCheckNotice status={live.status} message={live.message} /> : null}
      <p><button type="submit" className="button button-primary" disabled={busy}>{t('treatment.save')}</button></p>
      {error ? <ApiProblem error={error} id={PROBLEM_ID} /> : null}
    </form>
  );
}
