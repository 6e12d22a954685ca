// Loads data for a page: re-runs when `key` changes, aborts the request it replaces, and keeps the
// previous data while the next request is under way so the page does not flash empty.
import { useCallback, useEffect, useState } from 'react';

export type ApiState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: Error; data?: T };

export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): { state: ApiState<T>; retry(): void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    load(controller.signal).then(
      (data) => setState({ status: 'ok', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ status: 'error', error: error instanceof Error ? error : new Error(String(error)), data: previous.data }));
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; `key` says when the request really changes.
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
