// An API error as the user sees it on a study page: the server's own message and each field it names
// with what was expected (the value is not repeated: it may be what the user just typed about a patient).
import { ApiRequestError } from '../api/client.ts';
import { useT } from '../i18n/i18n.tsx';

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
  const message = api?.code === 'network_error' ? t('error.network') : error.message;
  const title = api?.status === 404 ? t('conduct.problem.notFound') : api?.status === 403 ? t('conduct.problem.forbidden') : api?.status === 401 ? t('conduct.problem.unauthenticated') : t('conduct.problem.title');
  return (
    <div id={id} className="notice notice-error" role="alert">
      <h2 className="notice-title">{title}</h2>
      <p data-problem-message="">{message}</p>
      {api && api.details.length > 0 ? (
        <ul className="problem-fields">
          {api.details.map((detail, index) => (
            <li key={index}>
              <span>{t('conduct.problem.field')}</span> <code data-problem-field="">{detail.field}</code>
              {detail.expected ? <span> — {t('conduct.problem.expected', { expected: detail.expected })}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
