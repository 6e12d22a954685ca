import { useT } from '../i18n/i18n.tsx';
import { Link } from '../shell/router.tsx';
import { pageWindow, searchHref, type SearchState } from './search-state.ts';

export function Pagination({ state, page, totalPages }: { state: SearchState; page: number; totalPages: number }) {
  const t = useT();
  if (totalPages <= 1) return null;
  const href = (target: number) => searchHref({ ...state, page: String(target) });
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <ul>
        <li>
          {page > 1 ? (
            <Link href={href(page - 1)} rel="prev">‹ {t('pagination.previous')}</Link>
          ) : (
            <span className="pagination-disabled" aria-disabled="true">‹ {t('pagination.previous')}</span>
          )}
        </li>
        {pageWindow(page, totalPages).map((item, index) =>
          item === 'gap' ? (
            <li key={`gap-${index}`} className="pagination-gap" aria-hidden="true">…</li>
          ) : (
            <li key={item}>
              {item === page ? (
                <span className="pagination-current" aria-current="page">
                  <span aria-hidden="true">{item}</span>
                  <span className="visually-hidden">{t('pagination.current', { page: item })}</span>
                </span>
              ) : (
                <Link href={href(item)} aria-label={t('pagination.page', { page: item })}>{item}</Link>
              )}
            </li>
          ),
        )}
        <li>
          {page < totalPages ? (
            <Link href={href(page + 1)} rel="next">{t('pagination.next')} ›</Link>
          ) : (
            <span className="pagination-disabled" aria-disabled="true">{t('pagination.next')} ›</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
