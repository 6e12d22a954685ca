// Age limits as API v2 writes them ("14 Years", "6 Months"), and their value in years for screening.

export const AGE_UNITS = ['Year', 'Month', 'Week', 'Day', 'Hour', 'Minute'] as const;
export type AgeUnit = (typeof AGE_UNITS)[number];

/** The API's own pattern for minimumAge, maximumAge and targetDuration. */
export const AGE_PATTERN = /^\d+ (Year|Years|Month|Months|Week|Weeks|Day|Days|Hour|Hours|Minute|Minutes)$/;

const DAYS_PER_YEAR = 365.25;
const YEARS_PER_UNIT: Record<AgeUnit, number> = {
  Year: 1,
  Month: 1 / 12,
  Week: 7 / DAYS_PER_YEAR,
  Day: 1 / DAYS_PER_YEAR,
  Hour: 1 / (24 * DAYS_PER_YEAR),
  Minute: 1 / (60 * 24 * DAYS_PER_YEAR),
};

/** "N/A" appears in older records where no limit was entered; it means the same as an absent value. */
const ABSENT_AGE = /^(n\/?a|none|not applicable)?$/i;

/**
 * "14 Years" → 14, "6 Months" → 0.5, "2 Weeks" → 2·7/365.25 years. Absent (undefined, null, "", "N/A") → null.
 * A malformed string throws: a silent null would read as "no age limit" and let anyone through.
 */
export function parseAgeToYears(age: string | null | undefined): number | null {
  if (age === undefined || age === null || ABSENT_AGE.test(age.trim())) return null;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]+?)s?$/i.exec(age.trim());
  const unit = match ? AGE_UNITS.find((candidate) => candidate.toLowerCase() === match[2].toLowerCase()) : undefined;
  if (!match || !unit) {
    throw new RangeError(`age ${JSON.stringify(age)} is not a number followed by Years, Months, Weeks, Days, Hours or Minutes`);
  }
  return Number(match[1]) * YEARS_PER_UNIT[unit];
}

/** 14, 'Year' → "14 Years"; 1, 'Month' → "1 Month" (the API's spelling). */
export function formatAge(amount: number, unit: AgeUnit): string {
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
