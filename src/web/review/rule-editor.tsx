// One criterion under review: its status, kind, rules printed readably and editable one by one
// (comparison, mark as confirm, delete), its ambiguity notes and unparsed parts, and a raw JSON
// editor for the whole rule, checked with the rule language's own schema before it is applied.
import { useState } from 'react';
import { z } from 'zod';
import { collectAmbiguities, formatComparison, printRule } from '../../core/criteria/print.ts';
import { COMPARISON_OPS, ruleSchema, type Comparison, type Criterion, type Rule, type Span } from '../../core/criteria/rules.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { RuleText } from '../screening/screening-result.tsx';
import { leafRules, replaceRule, type RulePath } from './rule-draft.ts';

interface Props {
  criterion: Criterion;
  unparsed: ReadonlyArray<{ text: string; span?: Span }>;
  onChange(next: Criterion): void;
  onDelete(): void;
  onFocusSpan(span: Span | null): void;
  /** The reviewer has checked this criterion against the text (kept on the page only, until approval). */
  checked: boolean;
  onCheckedChange(checked: boolean): void;
}

const OP_TEXT: Record<Comparison['op'], string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', between: '–' };

export function CriterionEditor({ criterion, unparsed, onChange, onDelete, onFocusSpan, checked, onCheckedChange }: Props) {
  const t = useT();
  const lang = t.language;
  const [rawOpen, setRawOpen] = useState(false);
  const [raw, setRaw] = useState('');
  const [rawError, setRawError] = useState<string | null>(null);
  const headingId = `criterion-${criterion.id}-heading`;

  const setRule = (path: RulePath, next: Rule | null) => {
    const rule = replaceRule(criterion.rule, path, next) ?? { type: 'confirm' as const, question: criterion.text, span: criterion.span };
    onChange({ ...criterion, rule });
  };

  const applyRaw = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      setRawError(t('review.raw.notJson', { message: error instanceof Error ? error.message : String(error) }));
      return;
    }
    const checked = ruleSchema.safeParse(parsed);
    if (!checked.success) {
      setRawError(z.prettifyError(checked.error));
      return;
    }
    setRawError(null);
    setRawOpen(false);
    onChange({ ...criterion, rule: checked.data });
  };

  const ambiguities = collectAmbiguities(criterion.rule);
  return (
    <article className="criterion-card" aria-labelledby={headingId} data-criterion={criterion.id}>
      <header className="criterion-card-header">
        <h3 id={headingId}>
          {criterion.id} <span className="muted">· {t(`screening.kind.${criterion.kind}` as MessageKey)}</span>
        </h3>
        {criterion.status ? <span className={`parse-status parse-status-${criterion.status}`}>{t(`review.status.${criterion.status}` as MessageKey)}</span> : null}
      </header>
      <p
        className="criterion-source-text"
        tabIndex={0}
        onMouseEnter={() => onFocusSpan(criterion.span ?? null)}
        onMouseLeave={() => onFocusSpan(null)}
        onFocus={() => onFocusSpan(criterion.span ?? null)}
        onBlur={() => onFocusSpan(null)}
      >
        {criterion.text}
      </p>
      <label className="field field-inline">
        <span>{t('review.kind')}</span>
        <select value={criterion.kind} onChange={(event) => onChange({ ...criterion, kind: event.target.value as Criterion['kind'] })}>
          <option value="inclusion">{t('screening.kind.inclusion')}</option>
          <option value="exclusion">{t('screening.kind.exclusion')}</option>
        </select>
      </label>
      <p className="printed-rule">
        <span className="label">{t('review.reads')}: </span>
        {printRule(criterion.rule, lang)}
      </p>
      <ul className="rule-list">
        {leafRules(criterion.rule).map(({ path, rule }) => (
          <LeafEditor key={`${path.join('.')}:${JSON.stringify(rule)}`} rule={rule} onChange={(next) => setRule(path, next)} onFocusSpan={onFocusSpan} />
        ))}
      </ul>
      {ambiguities.length > 0 ? (
        <div className="review-notes">
          <h4>{t('review.ambiguities')}</h4>
          <ul>
            {ambiguities.map((note, index) => (
              <li key={index}>
                <RuleText en={note.en} zh={note.zh} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {unparsed.length > 0 ? (
        <div className="review-notes">
          <h4>{t('review.unparsed')}</h4>
          <ul>
            {unparsed.map((part, index) => (
              <li key={index}>
                <q>{part.text}</q>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="criterion-actions">
        <label className="check-row">
          <input type="checkbox" checked={checked} onChange={(event) => onCheckedChange(event.target.checked)} />
          <span>{t('review.checked', { id: criterion.id })}</span>
        </label>
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={rawOpen}
          onClick={() => {
            setRaw(JSON.stringify(criterion.rule, null, 2));
            setRawError(null);
            setRawOpen(!rawOpen);
          }}
        >
          {t('review.raw.edit', { id: criterion.id })}
        </button>
        <button type="button" className="button button-link" onClick={onDelete}>
          {t('review.deleteCriterion', { id: criterion.id })}
        </button>
      </div>
      {rawOpen ? (
        <div className="raw-editor">
          <label className="field">
            <span>{t('review.raw.label', { id: criterion.id })}</span>
            <textarea value={raw} rows={Math.min(24, raw.split('\n').length + 1)} spellCheck={false} onChange={(event) => setRaw(event.target.value)} aria-invalid={rawError ? true : undefined} aria-describedby={rawError ? `${headingId}-raw-error` : undefined} />
          </label>
          {rawError ? (
            <pre id={`${headingId}-raw-error`} className="field-error" role="alert">{rawError}</pre>
          ) : null}
          <button type="button" className="button button-primary" onClick={applyRaw}>
            {t('review.raw.apply')}
          </button>
        </div>
      ) : null}
    </article>
  );
}

function comparisonOf(rule: Rule): Comparison | undefined {
  return rule.type === 'observation' || rule.type === 'age' || rule.type === 'score' ? rule.comparison : undefined;
}

function LeafEditor({ rule, onChange, onFocusSpan }: { rule: Rule; onChange(next: Rule | null): void; onFocusSpan(span: Span | null): void }) {
  const t = useT();
  const lang = t.language;
  const comparison = comparisonOf(rule);
  const printed = printRule(rule, lang);
  const setComparison = (patch: Partial<Comparison>) => {
    if (!comparison) return;
    const next: Comparison = { ...comparison, ...patch };
    if (next.op !== 'between') delete next.high;
    else if (next.high === undefined) next.high = next.value;
    onChange({ ...rule, comparison: next } as Rule);
  };
  const numberInput = (value: number | undefined, label: string, onValue: (value: number) => void) => (
    <label className="field field-inline">
      <span>{label}</span>
      <input
        type="number"
        step="any"
        defaultValue={value}
        onBlur={(event) => {
          const next = event.target.valueAsNumber;
          if (Number.isFinite(next) && next !== value) onValue(next);
        }}
      />
    </label>
  );
  return (
    <li
      className="rule-item"
      onMouseEnter={() => onFocusSpan(rule.span ?? null)}
      onMouseLeave={() => onFocusSpan(null)}
      onFocus={() => onFocusSpan(rule.span ?? null)}
      onBlur={() => onFocusSpan(null)}
    >
      <p className="rule-text" tabIndex={0}>
        <span className="rule-type">{t(`review.ruleType.${rule.type}` as MessageKey)}</span> {printed}
      </p>
      {comparison ? (
        <div className="comparison-editor" role="group" aria-label={t('review.comparison', { rule: printed })}>
          <label className="field field-inline">
            <span>{t('review.op')}</span>
            <select value={comparison.op} onChange={(event) => setComparison({ op: event.target.value as Comparison['op'] })}>
              {COMPARISON_OPS.map((op) => (
                <option key={op} value={op}>{op === 'between' ? t('review.between') : OP_TEXT[op]}</option>
              ))}
            </select>
          </label>
          {numberInput(comparison.value, comparison.op === 'between' ? t('review.low') : t('review.value'), (value) => setComparison({ value }))}
          {comparison.op === 'between' ? numberInput(comparison.high, t('review.high'), (high) => setComparison({ high })) : null}
          <label className="field field-inline">
            <span>{t('review.unit')}</span>
            <input
              defaultValue={comparison.unit}
              size={10}
              onBlur={(event) => {
                const unit = event.target.value.trim();
                if (unit && unit !== comparison.unit) setComparison({ unit });
              }}
            />
          </label>
          <span className="muted">{formatComparison(comparison, lang)}</span>
        </div>
      ) : null}
      <div className="rule-actions">
        {rule.type !== 'confirm' ? (
          <button type="button" className="button button-link" onClick={() => onChange({ type: 'confirm', question: printRule(rule, 'en'), zh: { question: printRule(rule, 'zh') }, ...(rule.span ? { span: rule.span } : {}) })}>
            {t('review.markConfirm')}
          </button>
        ) : null}
        <button type="button" className="button button-link" onClick={() => onChange(null)}>
          {t('review.deleteRule')}
        </button>
      </div>
    </li>
  );
}
