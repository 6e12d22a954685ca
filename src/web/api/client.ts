// Fetches from the Eligo API. Failures become ApiRequestError carrying the API's own message
// (which names the bad parameter), so pages can show it as it is.
import type { ApiErrorBody, GeocodeResponse, SearchResponse, Trial } from './types.ts';

/** One bad input the API names: the field, the value it got (when safe to echo) and what it expected. */
export interface ApiProblemDetail {
  /** The problem's stable code (absent from older servers): the page translates it. */
  code?: string;
  field: string;
  value?: unknown;
  expected: string;
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly ApiProblemDetail[];
  constructor(status: number, code: string, message: string, details: readonly ApiProblemDetail[] = []) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * The signed-in session's CSRF token, kept in memory only (never localStorage, where any script could
 * read it later): set from sign-in and GET /api/auth/session, cleared on sign-out.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { headers: { accept: 'application/json' }, signal });
}

/** Any call to the API; a body (POST/PUT) goes in `init`, never in the URL when it carries patient data. */
export async function requestJson<T>(path: string, init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> }): Promise<T> {
  const signal = init.signal ?? undefined;
  let response: Response;
  try {
    const method = (init.method ?? 'GET').toUpperCase();
    // Cookie-authenticated writes must carry the session's CSRF token (the server refuses them otherwise).
    const csrf: Record<string, string> = csrfToken !== null && !SAFE_METHODS.has(method) ? { 'X-CSRF-Token': csrfToken } : {};
    response = await fetch(path, { ...init, credentials: 'same-origin', headers: { accept: 'application/json', ...csrf, ...init.headers } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'network_error', '');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = isErrorBody(body) ? body.error : { code: 'http_error', message: `${response.status} ${response.statusText}`, details: null };
    throw new ApiRequestError(response.status, error.code, error.message, Array.isArray(error.details) ? (error.details as ApiProblemDetail[]) : []);
  }
  if (body === null) throw new ApiRequestError(response.status, 'invalid_response', `${path} did not answer with JSON`);
  return body as T;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof (body as ApiErrorBody).error?.message === 'string';
}

export function searchTrials(query: URLSearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  const search = query.toString();
  return getJson<SearchResponse>(`/api/trials${search ? `?${search}` : ''}`, signal);
}

export function fetchTrial(nctId: string, signal?: AbortSignal): Promise<Trial> {
  return getJson<Trial>(`/api/trials/${encodeURIComponent(nctId)}`, signal);
}

export function geocode(text: string, signal?: AbortSignal): Promise<GeocodeResponse> {
  return getJson<GeocodeResponse>(`/api/geocode?q=${encodeURIComponent(text)}`, signal);
}
