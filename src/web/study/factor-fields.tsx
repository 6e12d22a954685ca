// The protocol factors known at screening (the study's strata, e.g. diagnosis group and severity):
// used as randomization strata at enrollment, so each is chosen from the protocol's own levels.
import type { StudyDetail } from '../api/conduct.ts';
import { useT } from '../i18n/i18n.tsx';
import { invalidIf } from './api-problem.tsx';
import { protocolLabel } from './format.ts';

export function FactorFields({ strata, value, onChange, error }: { strata: StudyDetail['protocol']['strata']; value: Record<string, string>; onChange(next: Record<string, string>): void; error: Error | null }) {
  const t = useT();
  if (strata.length === 0) return null;
  return (
    <fieldset className="factor-fields">
      <legend>{t('conduct.factors.legend')}</legend>
      <p className="hint">{t('conduct.factors.hint')}</p>
      <div className="form-grid">
        {strata.map((factor) => (
          <label key={factor.key} className="field">
            <span>{protocolLabel(t, factor)}</span>
            <select value={value[factor.key] ?? ''} onChange={(event) => onChange({ ...value, [factor.key]: event.target.value })} {...invalidIf(error, `factors.${factor.key}`)}>
              <option value="">{t('conduct.factors.unknown')}</option>
              {factor.levels.map((level) => <option key={level.code} value={level.code}>{protocolLabel(t, level)}</option>)}
            </select>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
