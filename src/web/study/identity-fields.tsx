// The patient's identifying details on a new screening: marked as identifying, stored apart from the
// screening, seen only by this site's staff, sent only in the request body (never in a URL), and not
// remembered by the browser (autocomplete off).
import type { SubjectIdentity } from '../api/conduct.ts';
import { useT } from '../i18n/i18n.tsx';
import { invalidIf } from './api-problem.tsx';

export interface IdentityDraft {
  name: string;
  hospitalNumber: string;
  birthDate: string;
  phone: string;
}

export const EMPTY_IDENTITY: IdentityDraft = { name: '', hospitalNumber: '', birthDate: '', phone: '' };

export function identityFromDraft(draft: IdentityDraft): SubjectIdentity {
  return { name: draft.name.trim(), hospitalNumber: draft.hospitalNumber.trim(), birthDate: draft.birthDate || null, phone: draft.phone.trim() || null };
}

/** The required fields left empty, as control ids. */
export function missingIdentity(draft: IdentityDraft): string[] {
  return [draft.name.trim() ? null : 'identity-name', draft.hospitalNumber.trim() ? null : 'identity-hospital-number'].filter((id): id is string => id !== null);
}

export function IdentityFields({ value, onChange, missing, error }: { value: IdentityDraft; onChange(next: IdentityDraft): void; missing: readonly string[]; error: Error | null }) {
  const t = useT();
  const set = (key: keyof IdentityDraft) => (event: { target: { value: string } }) => onChange({ ...value, [key]: event.target.value });
  const required = (id: string) => (missing.includes(id) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {});
  const requiredText = (id: string) => (missing.includes(id) ? <span id={`${id}-error`} className="field-error">{t('conduct.identity.required')}</span> : null);
  return (
    <fieldset className="identity-fields" data-identifying="">
      <legend>{t('conduct.identity.legend')}</legend>
      <p className="hint identifying-note">{t('conduct.identity.note')}</p>
      <div className="form-grid">
        <label className="field">
          <span>{t('conduct.identity.name')}</span>
          <input id="identity-name" value={value.name} autoComplete="off" required onChange={set('name')} {...required('identity-name')} {...invalidIf(error, 'identity.name')} />
          {requiredText('identity-name')}
        </label>
        <label className="field">
          <span>{t('conduct.identity.hospitalNumber')}</span>
          <input id="identity-hospital-number" value={value.hospitalNumber} autoComplete="off" required onChange={set('hospitalNumber')} {...required('identity-hospital-number')} {...invalidIf(error, 'identity.hospitalNumber')} />
          {requiredText('identity-hospital-number')}
        </label>
        <label className="field">
          <span>{t('conduct.identity.birthDate')}</span>
          <input id="identity-birth-date" type="date" value={value.birthDate} autoComplete="off" onChange={set('birthDate')} {...invalidIf(error, 'identity.birthDate')} />
        </label>
        <label className="field">
          <span>{t('conduct.identity.phone')}</span>
          <input id="identity-phone" type="tel" value={value.phone} autoComplete="off" onChange={set('phone')} {...invalidIf(error, 'identity.phone')} />
        </label>
      </div>
    </fieldset>
  );
}
