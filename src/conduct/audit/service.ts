// The audit trail as the actor may read it: a study's entries within their audit.read scope (an entry
// of a site only for actors whose scope includes that site; study-level entries, with no site, only
// for study-wide scope), as pages or as a download of the same entries; and the whole chain verified,
// for system operators only.
import { requireScope, type Actor, type SiteScope } from '../access/actor.ts';
import { EligoError, notFound, problem, type Problem } from '../../core/problems.ts';
import { isIsoDate } from '../../core/clinical/calendar.ts';
import { chainVerifier } from '../../core/audit/verify.ts';
import type { AuditEntryView, AuditExportFormat, AuditFilter } from '../model.ts';
import type { AuditService } from '../services.ts';
import type { AuditQuery, AuditRow, AuditStore } from '../../store/conduct/audit.ts';
import type { StudyStore } from '../../store/conduct/studies.ts';
import { csvHeader, csvRow, jsonLine, type ExportedAuditEntry } from './export.ts';

export const AUDIT_LIMIT = { default: 200, max: 1000 } as const;
const MAX_TEXT = 200;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export function auditEntryView(row: AuditRow): AuditEntryView {
  return {
    id: row.id,
    at: row.at.toISOString(),
    userId: row.userId,
    username: row.username,
    action: row.action,
    recordType: row.recordType,
    recordId: row.recordId,
    studyId: row.studyId,
    siteCode: row.siteCode,
    old: row.oldValue,
    new: row.newValue,
    reason: row.reason,
    hash: row.hash,
  };
}

function exported(row: AuditRow): ExportedAuditEntry {
  return { ...auditEntryView(row), seq: row.seq, prevHash: row.prevHash };
}

/** A date means the whole UTC day: `from` its start, `to` its end; a date-time is taken as given (both inclusive). */
function instant(field: 'from' | 'to', text: string, problems: Problem[]): Date | undefined {
  const expected = 'a date YYYY-MM-DD or an ISO date-time with a time zone (2026-03-01T08:00:00Z)';
  if (isIsoDate(text)) {
    const start = new Date(`${text}T00:00:00.000Z`);
    return field === 'from' ? start : new Date(start.getTime() + 86_400_000);
  }
  const parsed = DATE_TIME.test(text) ? new Date(text) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    problems.push(problem({ code: 'invalid_date', field, value: text, expected }));
    return undefined;
  }
  // `to` is inclusive: entries strictly before the next millisecond.
  return field === 'from' ? parsed : new Date(parsed.getTime() + 1);
}

/** The store query for a filter, or invalid naming every bad field. */
export function auditQueryOf(filter: Omit<AuditFilter, 'studyId' | 'limit' | 'offset'>): AuditQuery {
  const problems: Problem[] = [];
  const query: AuditQuery = {};
  if (filter.siteCode !== undefined) query.siteCode = filter.siteCode;
  if (filter.from !== undefined) query.fromAt = instant('from', filter.from, problems);
  if (filter.to !== undefined) query.before = instant('to', filter.to, problems);
  if (query.fromAt && query.before && query.before <= query.fromAt) problems.push(problem({ code: 'invalid_range', field: 'to', value: filter.to, expected: `a time after from (${filter.from})` }));
  for (const key of ['username', 'recordType', 'recordId'] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) problems.push(problem({ code: 'invalid_request', field: key, value, expected: `1 to ${MAX_TEXT} characters` }));
    else query[key] = value;
  }
  if (problems.length > 0) throw EligoError.all('invalid', 'invalid_request', problems);
  return query;
}

function pageOf(filter: AuditFilter): { limit: number; offset: number } {
  const limit = filter.limit ?? AUDIT_LIMIT.default;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_LIMIT.max) throw EligoError.of('invalid', { code: 'invalid_request', field: 'limit', value: limit, expected: `a whole number from 1 to ${AUDIT_LIMIT.max}` });
  if (!Number.isInteger(offset) || offset < 0) throw EligoError.of('invalid', { code: 'invalid_request', field: 'offset', value: offset, expected: 'a whole number, 0 or more' });
  return { limit, offset };
}

export function createAuditService(store: AuditStore, studies: Pick<StudyStore, 'getSite'>): AuditService {
  // A site filter names an existing site inside the scope (requireScope checked the scope): otherwise not_found.
  const requireSite = async (scope: SiteScope, siteCode: string | undefined) => {
    if (siteCode !== undefined && !(await studies.getSite(scope, siteCode))) throw notFound('site', 'siteCode', siteCode);
  };
  return {
    async listAudit(actor, filter) {
      const scope = requireScope(actor, filter.studyId, 'audit.read', filter.siteCode);
      const query = auditQueryOf(filter);
      const page = pageOf(filter);
      await requireSite(scope, filter.siteCode);
      const { total, items } = await store.list(scope, query, page);
      return { total, items: items.map(auditEntryView) };
    },
    // Authorisation and the filter are checked when called, before the first line is produced, so a
    // shell can answer 404/403/400 instead of starting a download that then fails.
    exportAudit(actor, filter, format: AuditExportFormat) {
      const scope = requireScope(actor, filter.studyId, 'audit.read', filter.siteCode);
      const query = auditQueryOf(filter);
      if (format !== 'jsonl' && format !== 'csv') throw EligoError.of('invalid', { code: 'invalid_request', field: 'format', value: format, expected: 'jsonl or csv' });
      return (async function* () {
        await requireSite(scope, filter.siteCode);
        if (format === 'csv') yield csvHeader();
        for await (const page of store.pages(scope, query)) {
          yield page.map((row) => (format === 'csv' ? csvRow(exported(row)) : jsonLine(exported(row)))).join('');
        }
      })();
    },
    async verifyAuditChain(actor: Actor) {
      if (!actor.isSystemAdmin && actor.via !== 'cli') {
        throw EligoError.of('forbidden', { code: 'forbidden', field: '(request)', expected: 'a system administrator', message: 'only system administrators can verify the whole audit chain' });
      }
      return store.walkChain(async (head, pages) => {
        const verifier = chainVerifier(head);
        for await (const page of pages) verifier.push(page);
        return verifier.finish();
      });
    },
  };
}
