// Loading and error states shared by every page.
import { ApiRequestError } from '../api/client.ts';
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
  const message = error instanceof ApiRequestError && error.code === 'network_error' ? t('error.network') : error.message;
  return (
    <div className="notice notice-error" role="alert">
      <h2 className="notice-title">{t('error.title')}</h2>
      <p>{message}</p>
      {onRetry ? (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('error.retry')}
        </button>
      ) : null}
    </div>
  );
}
