// The windows a disease assessment reads its data over (clinical-domain.md §2 "sample date … whether
// counts were taken while on G-CSF / after transfusion (store as context flags)", §3c, §3d). These
// are Eligo's conventions, not a published rule (confidence M): each is named in the reason it shapes.
import type { Duration } from '../../criteria/rules.ts';

export const ASSESSMENT_WINDOWS_VERSION = 'aa-assessment-windows-2026-12.1';

export const ASSESSMENT_WINDOWS = {
  /** The CBC used for an assessment: the latest one collected within this window ending on the assessment date. */
  cbcLookback: { amount: 7, unit: 'd' } as Duration,
  /** A count collected this many days or fewer after a logged transfusion of its product may reflect the transfused cells (said in the reason). */
  transfusionEffectDays: { RBC: 14, platelets: 3 } as const,
  /** The baseline marrow examination: the latest one on or before day 0, within this window. */
  marrowLookback: { amount: 3, unit: 'mo' } as Duration,
  sourceRef: 'clinical-domain.md §2 (context flags), §3a (counts confirmed off growth factors, Camitta 2000), §3c (TI window from the scheme); windows: Eligo convention (M)',
};

/** Standard assessment time points (§3d) and the protocol visit codes that map to them. */
export const TIME_POINTS = ['baseline', 'month-3', 'month-6', 'month-12'] as const;
export type StandardTimePoint = (typeof TIME_POINTS)[number];
export const VISIT_TIME_POINTS: Readonly<Record<string, StandardTimePoint>> = { BASELINE: 'baseline', DAY_0: 'baseline', MONTH_3: 'month-3', MONTH_6: 'month-6', MONTH_12: 'month-12' };
