// Country names from ISO 3166 codes through the runtime's CLDR data (Intl.DisplayNames), in English and
// simplified Chinese, with ClinicalTrials.gov's spelling where it differs from CLDR's English.
const englishRegions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const chineseRegions = new Intl.DisplayNames(['zh-Hans'], { type: 'region', fallback: 'none' });

/** ClinicalTrials.gov's country names that differ from CLDR's English ones. */
const CTGOV_COUNTRY_NAMES: Record<string, string> = {
  KR: 'Korea, Republic of',
  KP: "Korea, Democratic People's Republic of",
  RU: 'Russian Federation',
  IR: 'Iran, Islamic Republic of',
  HK: 'Hong Kong',
  MO: 'Macao',
  SY: 'Syrian Arab Republic',
  TZ: 'Tanzania',
  MD: 'Moldova, Republic of',
  LA: "Lao People's Democratic Republic",
  CZ: 'Czechia',
  TR: 'Turkey',
};

/** The English (ClinicalTrials.gov) name of a country code; the code itself when unknown. */
export function countryName(code: string): string {
  const upper = code.toUpperCase();
  return CTGOV_COUNTRY_NAMES[upper] ?? englishRegions.of(upper) ?? upper;
}

let byName: Map<string, string> | undefined;

function countryIndex(): Map<string, string> {
  if (byName) return byName;
  byName = new Map();
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      const english = englishRegions.of(code);
      // Unassigned codes have no name (fallback 'none'); user-assigned ones like XA are not countries.
      if (!english || /^X[A-Z]$|^Q[M-Z]$|^AA$|^ZZ$/.test(code)) continue;
      const canonical = countryName(code);
      byName.set(code.toLowerCase(), canonical);
      byName.set(english.toLowerCase(), canonical);
      byName.set(canonical.toLowerCase(), canonical);
      const chinese = chineseRegions.of(code);
      if (chinese) byName.set(chinese, canonical);
    }
  }
  return byName;
}

/** "中国", "CN", "china", "South Korea" → the ClinicalTrials.gov name; undefined when not a country. */
export function findCountry(text: string): string | undefined {
  const trimmed = text.trim();
  return countryIndex().get(trimmed.toLowerCase()) ?? countryIndex().get(trimmed);
}
