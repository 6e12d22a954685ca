// Default visit schedules of the two seed studies, used until a study's protocol file gives its own.
// The registry records publish no visit schedule: the visits follow the outline (screening,
// baseline, day 0, weeks, months 1/3/6/12) with response assessed at 3, 6 and 12 months
// (clinical-domain.md §3d); the windows are Eligo's defaults, not the sponsors'.
import type { VisitDefinition, VisitSchedule } from './schedule.ts';

const d = (amount: number) => ({ amount, unit: 'd' as const });
const wk = (amount: number) => ({ amount, unit: 'wk' as const });
const mo = (amount: number) => ({ amount, unit: 'mo' as const });

const FOLLOW_UP: readonly VisitDefinition[] = [
  { id: 'screening', label: { en: 'Screening', zh: '筛选期' }, offset: d(-14), windowBefore: 14, windowAfter: 13 },
  { id: 'baseline', label: { en: 'Baseline', zh: '基线' }, offset: d(0), windowBefore: 7, windowAfter: 0 },
  { id: 'day-0', label: { en: 'Day 0 (first dose)', zh: '第0天（首次给药）' }, offset: d(0), windowBefore: 0, windowAfter: 0 },
  { id: 'week-1', label: { en: 'Week 1', zh: '第1周' }, offset: wk(1), windowBefore: 2, windowAfter: 2 },
  { id: 'week-2', label: { en: 'Week 2', zh: '第2周' }, offset: wk(2), windowBefore: 3, windowAfter: 3 },
  { id: 'month-1', label: { en: 'Month 1', zh: '第1个月' }, offset: mo(1), windowBefore: 7, windowAfter: 7 },
  { id: 'month-3', label: { en: 'Month 3', zh: '第3个月' }, offset: mo(3), windowBefore: 14, windowAfter: 14 },
  { id: 'month-6', label: { en: 'Month 6', zh: '第6个月' }, offset: mo(6), windowBefore: 14, windowAfter: 14 },
  { id: 'month-12', label: { en: 'Month 12', zh: '第12个月' }, offset: mo(12), windowBefore: 30, windowAfter: 30 },
];

export const DEFAULT_SCHEDULES: readonly VisitSchedule[] = [
  { id: 'NCT05794425-default', study: 'NCT05794425', version: 'eligo-default-2026-12', anchor: 'first-dose', visits: FOLLOW_UP, sourceRef: 'Eligo default (registry record NCT05794425 gives no visit schedule); response time points clinical-domain.md §3d' },
  { id: 'NCT03055078-default', study: 'NCT03055078', version: 'eligo-default-2026-12', anchor: 'first-dose', visits: FOLLOW_UP, sourceRef: 'Eligo default (registry record NCT03055078 gives no visit schedule); response time points clinical-domain.md §3d' },
];

export function defaultSchedule(study: string): VisitSchedule | undefined {
  return DEFAULT_SCHEDULES.find((schedule) => schedule.study === study);
}
