// Small labelled tags of the study pages: verdict, outcome, consent state. Text always, colour as well.
import type { ConsentView, ScreeningOutcome, ScreeningView } from '../api/conduct.ts';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';

const VERDICT_TONE = { eligible: 'open', ineligible: 'stopped', incomplete: 'attention' } as const;
const OUTCOME_TONE: Record<ScreeningOutcome, string> = { pending: 'attention', enrolled: 'open', screen_failure: 'stopped', declined: 'neutral' };
const CONSENT_TONE: Record<ConsentView['state'], string> = { valid: 'open', withdrawn: 'neutral', refused: 'stopped', outdated: 'attention' };

export function VerdictTag({ verdict }: { verdict: ScreeningView['verdict'] }) {
  const t = useT();
  return <span className={`badge badge-${VERDICT_TONE[verdict]}`} data-verdict={verdict}>{t(`screening.verdict.${verdict}` as MessageKey)}</span>;
}

export function OutcomeTag({ outcome }: { outcome: ScreeningOutcome }) {
  const t = useT();
  return <span className={`badge badge-${OUTCOME_TONE[outcome]}`} data-outcome={outcome}>{t(`conduct.outcome.${outcome}` as MessageKey)}</span>;
}

export function ConsentStateTag({ state }: { state: ConsentView['state'] }) {
  const t = useT();
  return <span className={`badge badge-${CONSENT_TONE[state]}`} data-consent-state={state}>{t(`conduct.consent.state.${state}` as MessageKey)}</span>;
}
