// An API error as the user sees it on a study page: the server's own message and each field it names
// with what was expected (the value is not repeated: it may be what the user just typed about a patient).
// In Chinese, each problem code the catalog knows reads as a Chinese sentence, with the server's
// English specifics kept beneath it, marked as such.
import { ApiRequestError, type ApiProblemDetail } from '../api/client.ts';
import { useT } from '../i18n/i18n.tsx';
import { FIELD_ZH, PROBLEM_ZH } from '../i18n/problems.zh.ts';

/** The Chinese sentence for a problem code, when the catalog has one. */
export function problemZh(code: string | undefined): string | undefined {
  return code === undefined ? undefined : PROBLEM_ZH[code];
}

/** A field path with its last named segment in Chinese when known: "results.2.value" stays itself, "signedAt" → "签署时间 (signedAt)". */
export function fieldZh(field: string): string {
  const last = field.split('.').filter((part) => !/^\d+$/.test(part)).pop() ?? field;
  const name = FIELD_ZH[last];
  return name ? `${name} (${field})` : field;
}

export function problemFields(error: Error | null): string[] {
  return error instanceof ApiRequestError ? error.details.map((detail) => detail.field) : [];
}

/** Props that mark a control invalid when the error names its field (or a field under it). */
export function invalidIf(error: Error | null, field: string, describedBy = 'conduct-problem'): { 'aria-invalid'?: true; 'aria-errormessage'?: string } {
  const named = problemFields(error).some((name) => name === field || name.startsWith(`${field}.`));
  return named ? { 'aria-invalid': true, 'aria-errormessage': describedBy } : {};
}

export function ApiProblem({ error, id = 'conduct-problem' }: { error: Error; id?: string }) {
  const t = useT();
  const api = error instanceof ApiRequestError ? error : null;
  const chinese = t.language === 'zh';
  const translated = chinese ? problemZh(api?.code) : undefined;
  const message = api?.code === 'network_error' ? t('error.network') : translated ?? error.message;
  const title = api?.status === 404 ? t('conduct.problem.notFound') : api?.status === 403 ? t('conduct.problem.forbidden') : api?.status === 401 ? t('conduct.problem.unauthenticated') : t('conduct.problem.title');
  return (
    <div id={id} className="notice notice-error" role="alert">
      <h2 className="notice-title">{title}</h2>
      <p data-problem-message="">{message}</p>
      {translated && error.message !== translated ? <p className="problem-original" lang="en">{t('conduct.problem.serverWords', { text: error.message })}</p> : null}
      {api && api.details.length > 0 ? (
        <ul className="problem-fields">
          {api.details.map((detail, index) => <ProblemDetail key={index} detail={detail} chinese={chinese} />)}
        </ul>
      ) : null}
    </div>
  );
}

function ProblemDetail({ detail, chinese }: { detail: ApiProblemDetail; chinese: boolean }) {
  const t = useT();
  const sentence = chinese ? problemZh(detail.code) : undefined;
  return (
    <li>
      <span>{t('conduct.problem.field')}</span> <code data-problem-field="">{detail.field}</code>
      {chinese && fieldZh(detail.field) !== detail.field ? <span> {fieldZh(detail.field).replace(` (${detail.field})`, '')}</span> : null}
      {sentence ? <span data-problem-sentence=""> — {sentence}</span> : null}
      {detail.expected ? <span lang={chinese ? 'en' : undefined}> — {t('conduct.problem.expected', { expected: detail.expected })}</span> : null}
    </li>
  );
}
