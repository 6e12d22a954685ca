// Loading and error states shared by every page.
import { ApiRequestError } from '../api/client.ts';
import { PROBLEM_ZH } from '../i18n/problems.zh.ts';
import { useT } from '../i18n/i18n.tsx';

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** Shows the API's own message (it names the bad field and value), or a plain network message. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const t = useT();
  const api = error instanceof ApiRequestError ? error : null;
  // In Chinese a known problem code reads as a Chinese sentence; the server's English stays beneath it.
  const translated = t.language === 'zh' && api ? PROBLEM_ZH[api.code] : undefined;
  const message = api?.code === 'network_error' ? t('error.network') : translated ?? error.message;
  return (
    <div className="notice notice-error" role="alert">
      <h2 className="notice-title">{t('error.title')}</h2>
      <p>{message}</p>
      {translated ? <p className="problem-original" lang="en">{error.message}</p> : null}
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('error.retry')}
        </button>
      ) : null}
    </div>
  );
}
