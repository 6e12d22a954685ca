// /trials/NCT…/review: the criteria text with the recognised spans marked beside the criteria as
// rules, editable; "Approve rule set" stores the draft as the trial's next reviewed version, which
// screening then uses. The draft starts from the rule set screening uses now (or the parser's reading).
import { useEffect, useMemo, useState } from 'react';
import { toCriterion } from '../../core/criteria/parse/index.ts';
import { PARSE_STATUSES, type Criterion, type ParseStatus, type Span } from '../../core/criteria/rules.ts';
import { ApiRequestError } from '../api/client.ts';
import { approveRuleSet, fetchParsedCriteria, fetchTrialRules, type ParsedTrialCriteria, type TrialRules } from '../api/eligibility.ts';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { Link } from '../shell/router.tsx';
import { checkHref, trialHref } from '../shell/routes.ts';
import { ruleSpans, textSegments } from './rule-draft.ts';
import { CriterionEditor } from './rule-editor.tsx';

interface ReviewData {
  parsed: ParsedTrialCriteria;
  /** Null when the trial has no stored rule set (screening then reads the parser's output). */
  rules: TrialRules | null;
}

async function loadReview(nctId: string, signal: AbortSignal): Promise<ReviewData> {
  const [parsed, rules] = await Promise.all([
    fetchParsedCriteria(nctId, signal),
    fetchTrialRules(nctId, signal).catch((error: unknown) => {
      if (error instanceof ApiRequestError && error.status === 404) return null;
      throw error;
    }),
  ]);
  return { parsed, rules };
}

function isParseStatus(value: string | undefined): value is ParseStatus {
  return (PARSE_STATUSES as readonly string[]).includes(value ?? '');
}

function fromRuleSet(rules: TrialRules): Criterion[] {
  return rules.criteria.map((printed) => {
    const criterion: Criterion = { id: printed.id, kind: printed.kind, text: printed.text, rule: printed.source };
    if (printed.span) criterion.span = printed.span;
    if (isParseStatus(printed.status)) criterion.status = printed.status;
    return criterion;
  });
}

function fromParser(parsed: ParsedTrialCriteria): Criterion[] {
  return parsed.criteria.map(toCriterion);
}

export function ReviewPage({ nctId }: { nctId: string }) {
  const t = useT();
  const [attempt, setAttempt] = useState(0);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const { state, retry } = useApi(`${nctId}:${attempt}`, (signal) => loadReview(nctId, signal));
  useEffect(() => {
    document.title = `${t('review.title')} · ${nctId} · ${t('app.name')}`;
  }, [t, nctId]);
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={retry} />;
  if (!state.data || state.status === 'loading') return <Loading label={t('review.loading')} />;
  return <Review key={attempt} nctId={nctId} data={state.data} savedVersion={savedVersion} onSaved={(version) => { setSavedVersion(version); setAttempt((n) => n + 1); }} />;
}

function Review({ nctId, data, savedVersion, onSaved }: { nctId: string; data: ReviewData; savedVersion: number | null; onSaved(version: number): void }) {
  const t = useT();
  const storedVersions = data.rules?.versions ?? [];
  const [origin, setOrigin] = useState<'ruleSet' | 'parser'>(storedVersions.length > 0 && data.rules ? 'ruleSet' : 'parser');
  const [draft, setDraft] = useState<Criterion[]>(() => (origin === 'ruleSet' && data.rules ? fromRuleSet(data.rules) : fromParser(data.parsed)));
  const [activeSpan, setActiveSpan] = useState<Span | null>(null);
  const [reviewer, setReviewer] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<number | null>(savedVersion);
  const [edited, setEdited] = useState(false);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());

  const unparsedById = useMemo(() => new Map(data.parsed.criteria.map((criterion) => [criterion.id, criterion.unparsed])), [data.parsed]);
  const parseStatusById = useMemo(() => new Map(data.parsed.criteria.map((criterion) => [criterion.id, criterion.status])), [data.parsed]);
  const segments = useMemo(() => textSegments(data.parsed.text, ruleSpans(draft), activeSpan), [data.parsed.text, draft, activeSpan]);

  const startFrom = (next: 'ruleSet' | 'parser') => {
    setOrigin(next);
    setDraft(next === 'ruleSet' && data.rules ? fromRuleSet(data.rules) : fromParser(data.parsed));
    setEdited(false);
    setSaved(null);
    setChecked(new Set());
  };
  const update = (index: number, next: Criterion | null) => {
    setDraft((current) => (next ? current.map((criterion, i) => (i === index ? next : criterion)) : current.filter((_, i) => i !== index)));
    setEdited(true);
    setSaved(null);
  };
  const toggleChecked = (id: string, isChecked: boolean) => {
    setChecked((current) => {
      const next = new Set(current);
      if (isChecked) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const approve = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const response = await approveRuleSet(nctId, draft, reviewer.trim() || undefined);
      onSaved(response.ruleSet.version);
    } catch (error) {
      setSaveError(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="review-page">
      <p className="back-link">
        <Link href={trialHref(nctId)}>← {t('screening.backToTrial')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('review.title')}</h1>
      <p className="lead">
        {nctId} · {data.rules ? t('review.current', { version: data.rules.version, review: t(`review.state.${data.rules.review}` as MessageKey) }) : t('review.noRuleSet')}{' '}
        <Link href={checkHref(nctId)}>{t('trial.checkPatient')}</Link>
      </p>
      {data.rules && storedVersions.length > 0 ? (
        <div className="review-origin" role="group" aria-label={t('review.startFrom')}>
          <span className="label">{t('review.startFrom')}: </span>
          <button type="button" className="button button-secondary" aria-pressed={origin === 'ruleSet'} onClick={() => startFrom('ruleSet')}>
            {t('review.fromRuleSet', { version: data.rules.version })}
          </button>{' '}
          <button type="button" className="button button-secondary" aria-pressed={origin === 'parser'} onClick={() => startFrom('parser')}>
            {t('review.fromParser')}
          </button>
        </div>
      ) : null}
      {data.parsed.warnings.length > 0 ? (
        <div className="notice">
          <h2 className="notice-title">{t('review.parserWarnings')}</h2>
          <ul>
            {data.parsed.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="review-layout">
        <section className="review-text" aria-labelledby="review-text-heading">
          <h2 id="review-text-heading">{t('review.text')}</h2>
          <p className="hint">{t('review.textHint')}</p>
          <div className="criteria-source" data-testid="criteria-source">
            {segments.map((segment) =>
              segment.recognised || segment.active ? (
                <mark key={segment.start} className={segment.active ? 'span-active' : 'span-recognised'}>
                  {segment.text}
                </mark>
              ) : (
                <span key={segment.start}>{segment.text}</span>
              ),
            )}
          </div>
        </section>
        <section className="review-criteria" aria-labelledby="review-criteria-heading">
          <h2 id="review-criteria-heading">{t.plural('review.criteriaCount', draft.length)}</h2>
          {draft.map((criterion, index) => (
            <CriterionEditor
              key={`${origin}:${criterion.id}`}
              criterion={criterion.status || !parseStatusById.has(criterion.id) ? criterion : { ...criterion, status: parseStatusById.get(criterion.id) }}
              unparsed={unparsedById.get(criterion.id) ?? []}
              onChange={(next) => update(index, next)}
              onDelete={() => update(index, null)}
              onFocusSpan={setActiveSpan}
              checked={checked.has(criterion.id)}
              onCheckedChange={(isChecked) => toggleChecked(criterion.id, isChecked)}
            />
          ))}
        </section>
      </div>
      <section className="review-approve" aria-labelledby="review-approve-heading">
        <h2 id="review-approve-heading">{t('review.approve.title')}</h2>
        <p className="hint">{edited ? t('review.approve.edited') : t('review.approve.hint')}</p>
        <p role="status">{t('review.checkedCount', { checked: draft.filter((criterion) => checked.has(criterion.id)).length, total: draft.length })}</p>
        <label className="field field-inline">
          <span>{t('review.reviewer')}</span>
          <input value={reviewer} onChange={(event) => setReviewer(event.target.value)} autoComplete="name" />
        </label>
        <p>
          <button type="button" className="button button-primary" disabled={saving || draft.length === 0} onClick={approve}>
            {saving ? t('review.approve.saving') : t('review.approve.button')}
          </button>
        </p>
        {saved !== null ? (
          <p className="notice" role="status">
            {t('review.approve.saved', { version: saved })}
          </p>
        ) : null}
        {saveError ? <ErrorNotice error={saveError} /> : null}
        <h3>{t('review.history')}</h3>
        {storedVersions.length === 0 ? (
          <p className="muted">{t('review.noVersions')}</p>
        ) : (
          <table className="versions-table">
            <thead>
              <tr>
                <th scope="col">{t('review.version')}</th>
                <th scope="col">{t('review.review')}</th>
                <th scope="col">{t('review.source')}</th>
                <th scope="col">{t('review.created')}</th>
              </tr>
            </thead>
            <tbody>
              {[...storedVersions].sort((a, b) => b.version - a.version).map((version) => (
                <tr key={version.version}>
                  <td>{version.version}</td>
                  <td>
                    <span className={`review-state review-state-${version.review}`}>
                      {version.review === 'reviewed' ? '✓ ' : '○ '}
                      {t(`review.state.${version.review === 'reviewed' ? 'reviewed' : 'unreviewed'}` as MessageKey)}
                    </span>
                  </td>
                  <td>{version.source}</td>
                  <td>{version.createdAt.slice(0, 16).replace('T', ' ')} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
