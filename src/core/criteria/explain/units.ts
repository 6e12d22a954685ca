// The one display-unit table: UCUM codes as clinicians write them, in English and Chinese. The rule
// printer, the screening explanations and the web pages all read units through displayUnit.
import type { Lang } from './lang.ts';

const UNIT_TEXT: Record<string, { en: string; zh: string }> = {
  xULN: { en: '× ULN', zh: '× 正常值上限' },
  xLLN: { en: '× LLN', zh: '× 正常值下限' },
  a: { en: 'years', zh: '岁' },
  mo: { en: 'months', zh: '个月' },
  wk: { en: 'weeks', zh: '周' },
  d: { en: 'days', zh: '天' },
  '1': { en: '', zh: '' },
  '10*9/L': { en: '×10⁹/L', zh: '×10⁹/L' },
  '10*12/L': { en: '×10¹²/L', zh: '×10¹²/L' },
  '10*3/uL': { en: '×10³/µL', zh: '×10³/µL' },
  '/uL': { en: '/µL', zh: '/µL' },
  umol: { en: 'µmol', zh: 'µmol' },
  'umol/L': { en: 'µmol/L', zh: 'µmol/L' },
  'ug/L': { en: 'µg/L', zh: 'µg/L' },
  '[IU]/mL': { en: 'IU/mL', zh: 'IU/mL' },
  '[IU]/L': { en: 'IU/L', zh: 'IU/L' },
  'm[IU]/L': { en: 'mIU/L', zh: 'mIU/L' },
  Cel: { en: '°C', zh: '°C' },
  'kg/m2': { en: 'kg/m²', zh: 'kg/m²' },
  'mL/min/{1.73_m2}': { en: 'mL/min/1.73 m²', zh: 'mL/min/1.73 m²' },
  '{copies}/mL': { en: 'copies/mL', zh: '拷贝/mL' },
  'mm[Hg]': { en: 'mmHg', zh: 'mmHg' },
  '{INR}': { en: '', zh: '' },
};

/** A UCUM unit as people write it ("mm[Hg]" → "mmHg", "umol/L" → "µmol/L", "{INR}" → ""). */
export function displayUnit(unit: string, lang: Lang = 'en'): string {
  return UNIT_TEXT[unit]?.[lang] ?? unit;
}

/** Every UCUM code the table spells (for tests). */
export const DISPLAY_UNIT_CODES: readonly string[] = Object.keys(UNIT_TEXT);
