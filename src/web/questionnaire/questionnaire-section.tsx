// "Could this study be for me?" on the trial page: the questionnaire the API generates from the
// trial's rules, in the UI language, on one screen; the answers go in one POST and come back as a
// plain verdict. Nothing is stored; contacting the site means the trial's own contacts (#contacts).
import { useState, type FormEvent } from 'react';
import { fetchQuestionnaire, submitQuestionnaire, type Question, type Questionnaire, type QuestionnaireVerdict } from '../api/eligibility.ts';
import { ErrorNotice, Loading } from '../components/notices.tsx';
import { useApi } from '../components/use-api.ts';
import { useT } from '../i18n/i18n.tsx';
import { localToday } from '../screening/patient-source.tsx';
import { Section } from '../trial/section.tsx';

type Answers = Record<string, string>;

export function QuestionnaireSection({ nctId }: { nctId: string }) {
  const t = useT();
  const lang = t.language;
  const { state, retry } = useApi(`${nctId}:${lang}`, (signal) => fetchQuestionnaire(nctId, lang, signal));
  return (
    <Section id="questionnaire" title={t('questionnaire.title')}>
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={retry} /> : null}
      {state.status === 'loading' ? <Loading label={t('questionnaire.loading')} /> : null}
      {state.status === 'ok' ? <QuestionnaireForm key={lang} nctId={nctId} questionnaire={state.data} /> : null}
    </Section>
  );
}

function QuestionnaireForm({ nctId, questionnaire }: { nctId: string; questionnaire: Questionnaire }) {
  const t = useT();
  const [answers, setAnswers] = useState<Answers>({});
  const [verdict, setVerdict] = useState<QuestionnaireVerdict | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = questionnaire.questions.filter((question) => !question.askIf || answers[question.askIf] === 'yes');

  const answer = (id: string, value: string) => {
    setAnswers((current) => ({ ...current, [id]: value }));
    setVerdict(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const sent: Record<string, string | number> = {};
    for (const question of asked) {
      const value = answers[question.id]?.trim();
      if (!value) continue;
      sent[question.id] = question.type === 'number' && Number.isFinite(Number(value)) ? Number(value) : value;
    }
    try {
      setVerdict(await submitQuestionnaire(nctId, { lang: questionnaire.lang, asOf: localToday(), answers: sent }));
      window.requestAnimationFrame(() => document.getElementById('questionnaire-verdict')?.focus());
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="questionnaire" onSubmit={submit}>
      <p>{questionnaire.intro}</p>
      <ol className="question-list">
        {asked.map((question) => (
          <li key={question.id}>
            <QuestionField question={question} value={answers[question.id] ?? ''} onAnswer={(value) => answer(question.id, value)} />
          </li>
        ))}
      </ol>
      <p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('questionnaire.submit')}
        </button>
      </p>
      {error ? <ErrorNotice error={error} /> : null}
      {verdict ? (
        <div id="questionnaire-verdict" tabIndex={-1} className={`questionnaire-verdict questionnaire-${verdict.outcome}`} role="status">
          <p className="verdict-title">
            <span aria-hidden="true">{verdict.outcome === 'may-be-eligible' ? '✓ ' : '✗ '}</span>
            {verdict.message}
          </p>
          {verdict.because.length > 0 ? (
            <ul>
              {verdict.because.map((reason, index) => (
                <li key={index}>{reason}</li>
              ))}
            </ul>
          ) : null}
          {verdict.nextSteps.length > 0 ? (
            <>
              {verdict.because.length > 0 ? <p>{t('questionnaire.teamChecks')}</p> : null}
              <ul>
                {verdict.nextSteps.map((step, index) => (
                  <li key={index}>{step}</li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted">{t('questionnaire.notStored')}</p>
          <p>
            <a href="#contacts" className="button button-secondary">{t('questionnaire.contact')}</a>
          </p>
        </div>
      ) : null}
    </form>
  );
}

function QuestionField({ question, value, onAnswer }: { question: Question; value: string; onAnswer(value: string): void }) {
  const t = useT();
  const id = `question-${question.id.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const hint = question.help ? <span id={`${id}-hint`} className="hint">{question.help}</span> : null;
  if (question.type === 'number' || question.type === 'date') {
    return (
      <div className="field">
        <label htmlFor={id}>{question.text}</label>
        <input
          id={id}
          type={question.type === 'date' ? 'month' : 'number'}
          inputMode={question.type === 'number' ? 'numeric' : undefined}
          min={question.type === 'number' ? 0 : undefined}
          value={value}
          aria-describedby={question.help ? `${id}-hint` : undefined}
          onChange={(event) => onAnswer(event.target.value)}
        />
        {hint}
      </div>
    );
  }
  const options = question.options ?? (question.type === 'sex' ? [{ value: 'female', label: t('sex.FEMALE') }, { value: 'male', label: t('sex.MALE') }] : []);
  return (
    <fieldset className="question-choice" aria-describedby={question.help ? `${id}-hint` : undefined}>
      <legend>{question.text}</legend>
      {hint}
      <div className={question.type === 'choice' ? 'choice-column' : 'choice-row'}>
        {options.map((option) => (
          <label key={option.value} className="check-row">
            <input type="radio" name={id} value={option.value} checked={value === option.value} onChange={() => onAnswer(option.value)} />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
