// The fields of one grant: role, study, site and the allocation right. A sponsor admin picks one of the
// studies they manage; a system administrator types the study's NCT id. Site roles need a site code.
import { ROLE_NAMES, STUDY_WIDE_ROLE_NAMES, type Role } from '../api/auth.ts';
import type { GrantDraft } from './account-forms.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';

export const roleLabel = (t: ReturnType<typeof useT>, role: string) => t(`auth.role.${role}` as MessageKey);

export function GrantFieldset({ idPrefix, legend, draft, onChange, studies, allowNone }: { idPrefix: string; legend: string; draft: GrantDraft; onChange(draft: GrantDraft): void; studies: readonly string[] | 'any'; allowNone: boolean }) {
  const t = useT();
  const siteRole = draft.role !== '' && !STUDY_WIDE_ROLE_NAMES.includes(draft.role);
  const set = (patch: Partial<GrantDraft>) => onChange({ ...draft, ...patch });
  return (
    <fieldset className="grant-fields">
      <legend>{legend}</legend>
      <div className="field">
        <label htmlFor={`${idPrefix}-role`}>{t('auth.admin.role')}</label>
        <select id={`${idPrefix}-role`} value={draft.role} required={!allowNone} onChange={(event) => set({ role: event.target.value as Role | '' })}>
          <option value="">{allowNone ? t('auth.admin.noRole') : '—'}</option>
          {ROLE_NAMES.map((role) => (
            <option key={role} value={role}>{roleLabel(t, role)}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-study`}>{t('auth.admin.study')}</label>
        {studies === 'any' ? (
          <input type="text" id={`${idPrefix}-study`} placeholder="NCT05794425" aria-describedby={`${idPrefix}-study-hint`} spellCheck={false} value={draft.studyId} required={draft.role !== ''} onChange={(event) => set({ studyId: event.target.value })} />
        ) : (
          <select id={`${idPrefix}-study`} value={draft.studyId} onChange={(event) => set({ studyId: event.target.value })}>
            {studies.map((study) => (
              <option key={study} value={study}>{study}</option>
            ))}
          </select>
        )}
        {studies === 'any' ? <span id={`${idPrefix}-study-hint`} className="hint">{t('auth.admin.studyHint')}</span> : null}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-site`}>{t('auth.admin.site')}</label>
        <input type="text" id={`${idPrefix}-site`} spellCheck={false} aria-describedby={`${idPrefix}-site-hint`} value={draft.siteCode} required={siteRole} onChange={(event) => set({ siteCode: event.target.value })} />
        <span id={`${idPrefix}-site-hint`} className="hint">{t('auth.admin.siteHint')}</span>
      </div>
      <label className="check-row">
        <input type="checkbox" checked={draft.canViewAllocation} onChange={(event) => set({ canViewAllocation: event.target.checked })} />
        <span>{t('auth.admin.canViewAllocation')}</span>
      </label>
    </fieldset>
  );
}
