// Safety reporting as data: the expedited-reporting clocks of clinical-domain.md §9, the seriousness
// criteria (ICH E2A "serious" definition), and the code lists an adverse-event record uses for
// relatedness, action taken and outcome (modelled on CDISC SDTM AEREL / AEACN / AEOUT), in en/zh.
//
// Sources: ICH E2A (1994) §II.B, §III.A — serious criteria; expedited reports of fatal or
// life-threatening unexpected serious ADRs ≤ 7 calendar days (follow-up within a further 8 days),
// other serious unexpected ADRs ≤ 15 days. China GCP (NMPA/NHC 2020, effective 1 Jul 2020) art. 26:
// the investigator reports every SAE to the sponsor immediately (≤ 24 h of awareness in practice).
// China expedited safety reporting standard (CDE, 2018): SUSAR timelines as E2A (7/15 days).
// Status in clinical-domain.md: M (from memory, consistent across the three sources).
export const SAFETY_REPORTING_TABLE_VERSION = 'safety-reporting-2026-12.1';

export type ReportRecipient = 'sponsor' | 'authority';

export interface ReportingClock {
  id: 'site_to_sponsor' | 'susar_fatal_or_life_threatening' | 'susar_other';
  recipient: ReportRecipient;
  /** Which events the clock applies to. */
  appliesTo: 'every_sae' | 'susar_fatal_or_life_threatening' | 'susar_other';
  /** Time allowed from awareness, in hours (calendar days × 24). */
  hours: number;
  /** A follow-up report within a further … hours (E2A: 8 days after the 7-day report). */
  followUpHours?: number;
  label: string;
  labelZh: string;
  source: string;
  confidence: 'V' | 'M';
}

export const REPORTING_CLOCKS: readonly ReportingClock[] = [
  {
    id: 'site_to_sponsor', recipient: 'sponsor', appliesTo: 'every_sae', hours: 24,
    label: 'Investigator → sponsor: every SAE immediately (≤ 24 h from awareness)', labelZh: '研究者 → 申办者：所有严重不良事件立即报告（获知后 ≤ 24 小时）',
    source: 'China GCP (NMPA/NHC 2020) art. 26; clinical-domain.md §9', confidence: 'M',
  },
  {
    id: 'susar_fatal_or_life_threatening', recipient: 'authority', appliesTo: 'susar_fatal_or_life_threatening', hours: 7 * 24, followUpHours: 8 * 24,
    label: 'Sponsor → authority: fatal or life-threatening SUSAR ≤ 7 calendar days (follow-up within 8 more days)', labelZh: '申办者 → 监管部门：致死或危及生命的SUSAR ≤ 7 个日历日（随后 8 日内随访报告）',
    source: 'ICH E2A §III.A.1; China expedited safety reporting standard (CDE 2018); clinical-domain.md §9', confidence: 'M',
  },
  {
    id: 'susar_other', recipient: 'authority', appliesTo: 'susar_other', hours: 15 * 24,
    label: 'Sponsor → authority: other SUSAR ≤ 15 calendar days', labelZh: '申办者 → 监管部门：其他SUSAR ≤ 15 个日历日',
    source: 'ICH E2A §III.A.2; China expedited safety reporting standard (CDE 2018); clinical-domain.md §9', confidence: 'M',
  },
];

export interface CodedValue<C extends string = string> { code: C; label: string; labelZh: string }

/** ICH E2A §II.B: an AE is serious when it meets at least one of these. */
export const SERIOUSNESS_CRITERIA = [
  { code: 'death', label: 'Results in death', labelZh: '导致死亡' },
  { code: 'life_threatening', label: 'Is life-threatening', labelZh: '危及生命' },
  { code: 'hospitalization', label: 'Requires inpatient hospitalisation or prolongs existing hospitalisation', labelZh: '导致住院或住院时间延长' },
  { code: 'disability', label: 'Results in persistent or significant disability/incapacity', labelZh: '导致永久或严重的残疾/功能丧失' },
  { code: 'congenital_anomaly', label: 'Is a congenital anomaly/birth defect', labelZh: '先天性异常/出生缺陷' },
  { code: 'important_medical_event', label: 'Other important medical event', labelZh: '其他重要医学事件' },
] as const satisfies readonly CodedValue[];
export type SeriousnessCriterion = (typeof SERIOUSNESS_CRITERIA)[number]['code'];

/** The criteria that put a SUSAR on the 7-day clock. */
export const FATAL_OR_LIFE_THREATENING: readonly SeriousnessCriterion[] = ['death', 'life_threatening'];

/** Causality to each product (AEREL-like). The first three count as "related" for expedited reporting. */
export const RELATEDNESS_LEVELS = [
  { code: 'related', label: 'Related', labelZh: '肯定有关' },
  { code: 'probably', label: 'Probably related', labelZh: '很可能有关' },
  { code: 'possibly', label: 'Possibly related', labelZh: '可能有关' },
  { code: 'unlikely', label: 'Unlikely related', labelZh: '可能无关' },
  { code: 'not_related', label: 'Not related', labelZh: '肯定无关' },
] as const satisfies readonly CodedValue[];
export type Relatedness = (typeof RELATEDNESS_LEVELS)[number]['code'];
export const RELATED_LEVELS: readonly Relatedness[] = ['related', 'probably', 'possibly'];

/** Action taken with the study treatment (AEACN). */
export const ACTIONS_TAKEN = [
  { code: 'dose_not_changed', label: 'Dose not changed', labelZh: '剂量未改变' },
  { code: 'dose_reduced', label: 'Dose reduced', labelZh: '减量' },
  { code: 'dose_increased', label: 'Dose increased', labelZh: '加量' },
  { code: 'drug_interrupted', label: 'Drug interrupted', labelZh: '暂停用药' },
  { code: 'drug_withdrawn', label: 'Drug withdrawn', labelZh: '停药' },
  { code: 'not_applicable', label: 'Not applicable', labelZh: '不适用' },
  { code: 'unknown', label: 'Unknown', labelZh: '未知' },
] as const satisfies readonly CodedValue[];
export type ActionTaken = (typeof ACTIONS_TAKEN)[number]['code'];

/** Outcome of the event (AEOUT). */
export const OUTCOMES = [
  { code: 'recovered', label: 'Recovered/resolved', labelZh: '痊愈/消失' },
  { code: 'recovering', label: 'Recovering/resolving', labelZh: '好转' },
  { code: 'not_recovered', label: 'Not recovered/not resolved', labelZh: '未好转' },
  { code: 'recovered_with_sequelae', label: 'Recovered/resolved with sequelae', labelZh: '痊愈伴后遗症' },
  { code: 'fatal', label: 'Fatal', labelZh: '死亡' },
  { code: 'unknown', label: 'Unknown', labelZh: '未知' },
] as const satisfies readonly CodedValue[];
export type Outcome = (typeof OUTCOMES)[number]['code'];

/** The study products relatedness is assessed against (the arms' interventions name them). */
export const STUDY_PRODUCTS = [
  { code: 'UC-MSC', label: 'Umbilical cord MSC (UC-MSC)', labelZh: '脐带间充质干细胞', pattern: /\bMSC\b|mesenchymal/i },
  { code: 'UCB', label: 'Umbilical cord blood (UCB)', labelZh: '脐带血', pattern: /\bUCB\b|cord blood/i },
  { code: 'cyclosporine A', label: 'Cyclosporine A', labelZh: '环孢素A', pattern: /cyclosporin|ciclosporin|\bCsA\b/i },
] as const;
export type StudyProduct = (typeof STUDY_PRODUCTS)[number]['code'];

/** The study products an arm's intervention text names, in table order. */
export function productsOfIntervention(intervention: string): StudyProduct[] {
  return STUDY_PRODUCTS.filter((product) => product.pattern.test(intervention)).map((product) => product.code);
}

export const codesOf = (list: readonly CodedValue[]): string[] => list.map((item) => item.code);
