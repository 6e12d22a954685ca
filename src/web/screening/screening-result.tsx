// One patient's screening result: the verdict, each criterion with its status (icon, word and colour),
// reason and evidence, the missing data as a to-do list and the items a person must confirm as a
// checklist. The same markup is the printed summary (styles.css, @media print).
import type { CriterionResult, CriterionStatus, ScreeningEvidence, ScreeningResult, Verdict } from '../api/eligibility.ts';
import { renderExplanation } from '../../core/criteria/explain/render.ts';
import { useT } from '../i18n/i18n.tsx';
import { renderLimitBasis } from '../../core/patient/limit-basis.ts';
import { RecordWarnings } from './record-warnings.tsx';
import type { MessageKey } from '../i18n/en.ts';

const STATUS_ICON: Record<CriterionStatus, string> = { pass: '✓', fail: '✗', unknown: '?', confirm: '!' };
const VERDICT_ICON: Record<Verdict, string> = { eligible: '✓', ineligible: '✗', incomplete: '?' };

export function StatusTag({ status }: { status: CriterionStatus }) {
  const t = useT();
  return (
    <span className={`screen-status screen-status-${status}`}>
      <span aria-hidden="true" className="screen-status-icon">{STATUS_ICON[status]}</span>
      {t(`screening.status.${status}` as MessageKey)}
    </span>
  );
}

/** `live`: announce the verdict when it appears (the one result on a page, not each of a list). */
export function VerdictBanner({ verdict, detail, live = false }: { verdict: Verdict; detail?: string; live?: boolean }) {
  const t = useT();
  return (
    <div className={`verdict verdict-${verdict}`} role={live ? 'status' : undefined}>
      <span aria-hidden="true" className="verdict-icon">{VERDICT_ICON[verdict]}</span>
      <div>
        <p className="verdict-title">{t(`screening.verdict.${verdict}` as MessageKey)}</p>
        {detail ? <p className="verdict-detail">{detail}</p> : null}
      </div>
    </div>
  );
}

/**
 * A rule's free text (confirm question, ambiguity note) in the UI language: the Chinese when the rule
 * carries it; otherwise the English, quoted, tagged lang="en" and marked as untranslated.
 */
export function RuleText({ en, zh }: { en: string; zh?: string | null }) {
  const t = useT();
  if (t.language === 'en') return <>{en}</>;
  if (zh) return <>{zh}</>;
  return (
    <span className="untranslated">
      <span lang="en">“{en}”</span> <span className="muted">（{t('rules.untranslated')}）</span>
    </span>
  );
}

/**
 * `headingId`: unique per result when several are on one page (the ranking's expanded trials).
 * `recordedConfirmations`: a page that records the confirm answers itself (a study subject) leaves out the printed checklist.
 */
export function ScreeningResultView({ result, trialTitle, patientName, headingId = 'screening-result-heading', recordedConfirmations = false }: { result: ScreeningResult; trialTitle: string; patientName?: string; headingId?: string; recordedConfirmations?: boolean }) {
  const t = useT();
  return (
    <section className="screening-result" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('screening.result.title')}</h2>
      <dl className="facts print-facts">
        <div>
          <dt>{t('screening.result.trial')}</dt>
          <dd>{trialTitle} ({result.trial})</dd>
        </div>
        <div>
          <dt>{t('screening.asOf')}</dt>
          <dd>{result.asOf}</dd>
        </div>
        <div>
          <dt>{t('screening.result.ruleSet')}</dt>
          <dd>{t('screening.result.ruleSetValue', { version: result.ruleSet.version, review: t(`review.state.${result.ruleSet.review}` as MessageKey) })}</dd>
        </div>
        {result.ruleSet.tablesDiffer ? (
          <div className="notice" role="note" data-tables-differ="">
            {result.ruleSet.tablesDiffer.map((difference) => (
              <p key={difference.table}>{t('screening.result.tablesDiffer', { table: difference.table, pinned: difference.pinned, current: difference.current ?? '—' })}</p>
            ))}
          </div>
        ) : null}
        {patientName ? (
          <div>
            <dt>{t('screening.patientName')}</dt>
            <dd>{patientName}</dd>
          </div>
        ) : null}
      </dl>
      <VerdictBanner live verdict={result.verdict} detail={t(`screening.verdictDetail.${result.verdict}` as MessageKey)} />

      {result.missing.length > 0 ? (
        <section className="screening-todo" aria-labelledby="screening-missing-heading">
          <h3 id="screening-missing-heading">{t('screening.missing.title')}</h3>
          <ul className="todo-list">
            {result.missing.map((item, index) => (
              <li key={index}>
                <span aria-hidden="true">☐ </span>
                <span data-missing=""><RuleText en={item.what} zh={item.whatZh} /></span> <span className="muted">({t('screening.forCriterion', { id: item.criterion })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {result.confirm.length > 0 && !recordedConfirmations ? (
        <fieldset className="screening-confirm">
          <legend>{t('screening.confirm.title')}</legend>
          <p className="muted no-print">{t('screening.confirm.hint')}</p>
          {result.confirm.map((item, index) => (
            <label key={index} className="check-row">
              <input type="checkbox" />
              <span>
                <RuleText en={item.question} zh={item.questionZh} /> <span className="muted">({t('screening.forCriterion', { id: item.criterion })})</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}

      <RecordWarnings problems={result.recordProblems} warnings={result.warnings} />

      <h3>{t('screening.criteria.title')}</h3>
      <table className="criteria-table">
        <thead>
          <tr>
            <th scope="col">{t('screening.criteria.criterion')}</th>
            <th scope="col">{t('screening.criteria.status')}</th>
            <th scope="col">{t('screening.criteria.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {result.criteria.map((criterion) => (
            <CriterionRow key={criterion.id} criterion={criterion} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CriterionRow({ criterion }: { criterion: CriterionResult }) {
  const t = useT();
  return (
    <tr className={`criterion-row criterion-${criterion.status}`} data-criterion={criterion.id}>
      <th scope="row">
        <span className="criterion-id">{criterion.id}</span>{' '}
        <span className="muted">{t(criterion.kind === 'inclusion' ? 'screening.kind.inclusion' : 'screening.kind.exclusion')}</span>
        <p className="criterion-text">{criterion.text}</p>
      </th>
      <td>
        <StatusTag status={criterion.status} />
      </td>
      <td>
        <CriterionReason criterion={criterion} />
        {criterion.evidence.length > 0 ? <EvidenceList evidence={criterion.evidence} /> : null}
        {criterion.ambiguities?.length ? (
          <details className="ambiguities">
            <summary>{t('screening.ambiguities')}</summary>
            <ul>
              {criterion.ambiguities.map((note, index) => (
                <li key={index}>
                  <RuleText en={note} zh={criterion.ambiguitiesZh?.[index]} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </td>
    </tr>
  );
}

/** The reason in the UI language, rendered from its explanation by the core's message catalogues. */
function CriterionReason({ criterion }: { criterion: CriterionResult }) {
  const t = useT();
  if (criterion.explanation) return <p data-reason="">{renderExplanation(criterion.explanation, t.language)}</p>;
  if (t.language === 'zh' && criterion.reasonZh) return <p data-reason="">{criterion.reasonZh}</p>;
  return <p data-reason="" lang={t.language === 'zh' ? 'en' : undefined}>{criterion.reason}</p>;
}

/** Each fact on one line as a clinician writes it (value, limit, ratio, threshold stated once); its FHIR source muted. */
function EvidenceList({ evidence }: { evidence: ScreeningEvidence[] }) {
  const t = useT();
  return (
    <ul className="evidence-list" aria-label={t('screening.evidence')}>
      {evidence.map((item, index) => (
        <li key={index}>
          {item.explanation ? <span data-evidence="">{renderExplanation(item.explanation, t.language)}</span> : <span data-evidence="">{t.language === 'zh' ? (item.labelZh ?? item.label) : item.label}</span>}
          {item.limit ? <span className="muted" data-limit-basis=""> ({item.limit.basis ? renderLimitBasis(item.limit.basis, t.language) : item.limit.detail})</span> : null}
          {item.source ? <span className="muted"> · {item.source}</span> : null}
        </li>
      ))}
    </ul>
  );
}
