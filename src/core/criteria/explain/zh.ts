// 筛选说明的简体中文文本：与 en.ts 同一套代码与参数，数字、单位、日期与界值全部以中文表述。
import { describeDuration } from '../../clinical/calendar.ts';
import type { Comparison, Duration } from '../rules.ts';
import type { Catalogue } from './catalogue.ts';
import { formatComparison, formatNumber, formatRatio } from './format.ts';
import type { LimitParam, Named, ProblemParam, ThresholdParam, ValueParam } from './messages.ts';
import { displayUnit } from './units.ts';
import { untranslated } from './untranslated.ts';
import { renderRecordProblem } from '../../patient/record-problems.ts';

const dur = (duration: Duration) => describeDuration(duration, 'zh');
const withUnit = (text: string, unit: string) => (displayUnit(unit, 'zh') ? `${text} ${displayUnit(unit, 'zh')}` : text);
/** Values as reported (never rounded: 31.5153 is above 31.5). */
const value = (v: ValueParam) => (v.comparator ? `${v.comparator}${formatNumber(v.value)}` : String(v.value));
const scalar = (comparison: Comparison) => formatComparison({ ...comparison, unit: '1' }, 'zh');
/** A name from Eligo's tables in Chinese; record text without one is shown as recorded. */
const name = (named: Named) => named.zh ?? named.en;
/** A rule's own free text: its Chinese, or the English marked as untranslated. */
const ruleText = (named: Named) => named.zh ?? untranslated(named.en);
const LIMIT_NAME = { ULN: '正常值上限', LLN: '正常值下限' } as const;
const LIMIT_SOURCE = { observation: '化验报告', site: '本中心参考范围', default: '默认参考范围' } as const;
const RESULT = { positive: '阳性', negative: '阴性' } as const;
const SEX: Record<string, string> = { female: '女', male: '男', other: '其他', unknown: '未知' };
const CRITICALITY: Record<string, string> = { high: '高', low: '低', 'unable-to-assess': '无法评估' };
const STATE = { pregnant: '妊娠', lactating: '哺乳' } as const;
const CENSORED = '：报告值只给出上限或下限，无法判定';

function withProblems(text: string, problems: ProblemParam[] | undefined): string {
  return problems && problems.length > 0 ? `${text}（无法使用的记录：${problems.map((p) => (p.detail ? `${p.resource} ${p.field}：${renderRecordProblem(p.detail, 'zh')}` : `${p.resource} ${p.field}`)).join('；')}）` : text;
}

function measured(label: Named, v: ValueParam, unit: string, date: string): string {
  return `${name(label)} ${withUnit(value(v), unit)}（${date}）`;
}

export function thresholdZh(threshold: ThresholdParam): string {
  const { comparison, converted } = threshold;
  const rule = formatComparison(comparison, 'zh');
  if (!converted) return rule;
  const range = `${formatNumber(converted.value)}${converted.high !== undefined ? `–${formatNumber(converted.high)}` : ''}`;
  if (comparison.unit === 'xULN' || comparison.unit === 'xLLN') return `${rule} = ${withUnit(range, converted.unit)}`;
  return `${rule}（= ${withUnit(range, converted.unit)}）`;
}

function limitText(limit: LimitParam): string {
  return `${LIMIT_NAME[limit.name]} ${withUnit(formatNumber(limit.value), limit.unit)}，来自${LIMIT_SOURCE[limit.source]}`;
}

function ratioText(ratio: number, limit: LimitParam, threshold: ThresholdParam): string {
  const bounds = [threshold.comparison.value, ...(threshold.comparison.high !== undefined ? [threshold.comparison.high] : [])];
  return `${formatRatio(ratio, bounds)} × ${LIMIT_NAME[limit.name]}`;
}

function windowText(window: { kind: 'onset' | 'within'; duration: Duration } | undefined): string {
  if (!window) return '';
  return window.kind === 'onset' ? `发病在${dur(window.duration)}内` : `${dur(window.duration)}内`;
}

function notEncoded(text: string, parts: string[] | undefined): string {
  return parts && parts.length > 0 ? `${text}（仅依据已编码部分判断；未编码：${parts.map((part) => `«${part}»`).join('、')}）` : text;
}

export const zh = {
  'analyte.unknown': (p) => `规则中的检验项目系统未收录（“${p.key}”）`,
  'test.unknown': (p) => `规则中的检测项目系统未收录（“${p.key}”）`,
  'measure.notRecorded': (p) => withProblems(`近${dur(p.window)}内无${name(p.label)}记录`, p.problems),
  'measure.stale': (p) => withProblems(`${name(p.label)}最近一次${p.tested ? '检测' : '记录'}于 ${p.date}，早于 ${p.asOf} 前${dur(p.window)}`, p.problems),
  'observation.noLimit': (p) => `${measured(p.label, p.value, p.unit, p.date)}，但${name(p.label)}无${LIMIT_NAME[p.limit]}：结果未附参考范围，也无适用的中心或默认范围`,
  'observation.relative': (p) => `${measured(p.label, p.value, p.unit, p.date)} = ${ratioText(p.ratio, p.limit, p.threshold)}（${limitText(p.limit)}）；标准 ${thresholdZh(p.threshold)}${p.censored ? CENSORED : ''}`,
  'observation.fixed': (p) => `${measured(p.label, p.value, p.unit, p.date)}；标准 ${thresholdZh(p.threshold)}${p.qualifier ? `［${ruleText(p.qualifier)}］` : ''}${p.censored ? CENSORED : ''}`,
  'observation.unitMismatch': (p) => `标准所用单位“${p.ruleUnit}”无法与${name(p.label)}的单位 ${displayUnit(p.unit, 'zh')} 比较`,
  'qualitative.result': (p) => `${name(p.label)}${RESULT[p.result]}（${p.date}）`,
  'score.absentAssumed': (p) => `${name(p.scale)} ${scalar(p.comparison)}：未记录，视为无`,
  'score.value': (p) => `${name(p.scale)} ${p.grade}（${p.date}）；标准 ${scalar(p.comparison)}`,
  'age.noBirthDate': (p) => withProblems('年龄未知：记录中无出生日期', p.problems),
  'age.badUnit': (p) => `年龄标准的单位“${p.unit}”不是时间单位（年、月、周、天）`,
  'age.value': (p) => `${p.asOf} 时年龄 ${withUnit(String(p.age), p.unit)}；标准 ${formatComparison(p.comparison, 'zh')}`,
  'sex.notRecorded': (p) => withProblems(`性别未记录为女或男${p.recorded ? `（记录为：${SEX[p.recorded] ?? p.recorded}）` : ''}`, p.problems),
  'sex.value': (p) => `性别：${SEX[p.sex]}`,
  'concept.unknown': (p) => `规则中的概念在系统中没有对应编码（“${p.concept}”）`,
  'concept.absent': (p) => `${name(p.concept)}：未记录，视为无`,
  'fact.recorded': (p) => `已记录${name(p.fact)}${p.date ? `（${p.date}）` : ''}`,
  'condition.recorded': (p) => `已记录${name(p.fact)}${p.onset ? `，发病 ${p.onset}` : ''}${p.window ? `（${p.asOf} 前${windowText(p.window)}）` : ''}`,
  'condition.firstOnsetTooEarly': (p) => `${name(p.fact)}：首次记录的发病日期 ${p.onset}，早于 ${p.asOf} 前${dur(p.window)}（之后的记录不重新计时）`,
  'condition.undated': (p) => `已记录${name(p.fact)}但无${p.onsetOnly ? '发病日期' : '日期'}：无法判断是否${windowText(p.window)}`,
  'condition.unreadable': (p) => withProblems(`${name(p.concept)}：编码诊断中未找到，但部分诊断无法读取`, p.problems),
  'condition.onsetTooEarly': (p) => `${name(p.fact)}：发病 ${p.onset}，早于 ${p.asOf} 前${dur(p.window)}`,
  'condition.inactive': (p) => `${name(p.fact)}：非活动性`,
  'condition.ended': (p) => `${name(p.fact)}：结束于 ${p.date}，不在${windowText(p.window)}`,
  'condition.onlyExcepted': (p) => `仅记录了${p.facts.map(name).join('、')}，该标准将其除外`,
  'pregnancy.male': (p) => `${STATE[p.state]}：不适用（男性）`,
  'pregnancy.test': (p) => `妊娠试验${RESULT[p.result]}（${p.date}）`,
  'pregnancy.status': (p) => `${p.date}：${p.present ? '' : '非'}${STATE[p.state]}期`,
  'pregnancy.notRecorded': (p) => `近${dur(p.window)}内无妊娠状态记录`,
  'lactation.absent': () => '哺乳：未记录，视为无',
  'medication.taken': (p) => `${name(p.fact)}：${p.when === 'within' ? `${dur(p.window!)}内使用过` : p.when === 'before' ? '既往使用过' : '目前正在使用'}`,
  'medication.unreadable': (p) => withProblems(`${name(p.concept)}：编码用药中未找到，但部分用药无法读取`, p.problems),
  'medication.notCurrent': (p) => `已记录${name(p.fact)}，但${p.window ? `不在${dur(p.window)}内` : '目前未使用'}`,
  'medication.absent': (p) => `${name(p.concept)}：未记录，视为未使用`,
  'procedure.undated': (p) => `已记录${name(p.fact)}但无日期`,
  'procedure.unreadable': (p) => withProblems(`${name(p.concept)}：未找到，但部分操作记录无法读取`, p.problems),
  'procedure.outside': (p) => `${name(p.fact)}（${p.date}），不在${dur(p.window)}内`,
  'allergy.recorded': (p) => `已记录${name(p.fact)}${p.criticality ? `（严重程度：${CRITICALITY[p.criticality] ?? p.criticality}）` : ''}`,
  'allergy.absent': (p) => `${p.severe ? '严重' : ''}过敏${p.substance ? `（${name(p.substance)}）` : ''}：未记录，视为无`,
  confirm: (p) => `需人工确认：${ruleText(p.question)}`,
  several: (p, say) => p.parts.map(say).join('；'),
  'criterion.met': (p, say) => notEncoded(say(p.detail), p.notEncoded),
  'criterion.notMet': (p, say) => notEncoded(`未满足：${say(p.detail)}`, p.notEncoded),
  'criterion.excluded': (p, say) => notEncoded(`符合排除标准：${say(p.detail)}`, p.notEncoded),
  'criterion.unknown': (p, say) => notEncoded(`无法判定：${say(p.detail)}`, p.notEncoded),
  'criterion.confirm': (p) => notEncoded(`需人工确认：${p.questions.map(ruleText).join('；')}`, p.notEncoded),
  'evidence.measurement': (p) => {
    const recorded = p.recorded ? `（原始记录 ${withUnit(String(p.recorded.value), p.recorded.unit)}）` : '';
    const ratio = p.ratio !== undefined && p.limit && p.threshold ? ` = ${ratioText(p.ratio, p.limit, p.threshold)}（${limitText(p.limit)}）` : '';
    return `${measured(p.label, p.value, p.unit, p.date)}${recorded}${ratio}${p.threshold ? `；标准 ${thresholdZh(p.threshold)}` : ''}`;
  },
  'evidence.qualitative': (p) => `${name(p.label)}${RESULT[p.result]}（${p.date}）；标准：${RESULT[p.expected]}`,
  'evidence.score': (p) => `${name(p.scale)} ${p.grade}（${p.date}）；标准 ${scalar(p.comparison)}`,
  'evidence.age': (p) => `${p.date} 时年龄 ${withUnit(String(p.age), p.unit)}；标准 ${formatComparison(p.comparison, 'zh')}`,
  'evidence.sex': (p) => `性别：${SEX[p.sex]}；标准：${SEX[p.expected]}`,
  'evidence.fact': (p) => `${name(p.fact)}${p.code ? `（${p.code}）` : ''}${p.date ? `，${p.date}` : ''}${p.criticality ? `，严重程度：${CRITICALITY[p.criticality] ?? p.criticality}` : ''}`,
  'evidence.notApplicable': (p) => `${STATE[p.state]}：不适用（男性）`,
  'evidence.pregnancyTest': (p) => `妊娠试验${RESULT[p.result]}（${p.date}）`,
  'evidence.pregnancyStatus': (p) => `${p.date}：${p.present ? '' : '非'}${STATE[p.state]}期`,
  'missing.withinWindow': (p) => `${name(p.label)}（${dur(p.window)}内）`,
  'missing.key': (p) => `检验项目“${p.key}”`,
  'missing.birthDate': () => '出生日期',
  'missing.sex': () => '性别',
  'missing.limit': (p) => `${name(p.label)}的${LIMIT_NAME[p.limit]}（化验报告的参考范围或本中心的范围）`,
  'missing.exact': (p) => `${name(p.label)}的确切数值`,
  'missing.concept': (p) => name(p.concept),
  'missing.conditionDates': (p) => `${name(p.fact)}的${p.onsetOnly ? '发病日期' : '日期'}`,
  'missing.diagnoses': (p) => `编码诊断（${name(p.concept)}）`,
  'missing.medications': (p) => `用药清单（${name(p.concept)}）`,
  'missing.procedureDate': (p) => `${name(p.fact)}的日期`,
  'missing.procedures': (p) => `操作史（${name(p.concept)}）`,
  'missing.pregnancy': (p) => `妊娠状态或妊娠试验（${dur(p.window)}内）`,
} satisfies Catalogue;
