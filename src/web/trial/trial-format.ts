// Small formatting rules shared by result cards and the trial page.
import { AGE_UNITS, type AgeUnit } from '../../core/trial/age.ts';
import type { PluralBase, Translator } from '../i18n/translate.ts';

const AGE_TEXT = /^(\d+)\s+([A-Za-z]+?)s?$/;

/** "14 Years" → "14 years" / "14 岁"; text that does not follow the API's pattern is shown as written. */
export function formatAge(t: Translator, age: string): string {
  const match = AGE_TEXT.exec(age.trim());
  const unit = match ? AGE_UNITS.find((candidate) => candidate.toLowerCase() === match[2].toLowerCase()) : undefined;
  if (!match || !unit) return age;
  return t.plural(`age.${unit}` as `age.${AgeUnit}` & PluralBase, Number(match[1]));
}

export function formatAgeRange(t: Translator, minimumAge?: string | null, maximumAge?: string | null): string {
  const min = minimumAge ? formatAge(t, minimumAge) : null;
  const max = maximumAge ? formatAge(t, maximumAge) : null;
  if (min && max) return t('trial.ageRange', { min, max });
  if (min) return t('trial.ageMinOnly', { min });
  if (max) return t('trial.ageMaxOnly', { max });
  return t('trial.ageAny');
}
