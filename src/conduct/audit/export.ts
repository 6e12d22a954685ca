// The audit trail as a download: JSON Lines (one entry a line) or CSV (RFC 4180: a header, fields
// quoted when they hold a comma, quote or line break, quotes doubled). A CSV cell that a spreadsheet
// would run as a formula (starting with = + - @, tab or carriage return) is prefixed with an
// apostrophe; JSON Lines carries every value unchanged.
import type { AuditEntryView } from '../model.ts';

/** What an exported entry carries: the view plus its place in the chain (seq, previous hash), to check it against the chain head. */
export interface ExportedAuditEntry extends AuditEntryView {
  seq: number;
  prevHash: string;
}

export const AUDIT_CSV_COLUMNS = ['id', 'seq', 'at', 'userId', 'username', 'action', 'recordType', 'recordId', 'studyId', 'siteCode', 'old', 'new', 'reason', 'prevHash', 'hash'] as const;

export function jsonLine(entry: ExportedAuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function csvCell(value: unknown, options: { json?: boolean } = {}): string {
  let text = options.json && value !== null && value !== undefined ? JSON.stringify(value) : cellText(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(entry: ExportedAuditEntry): string {
  const cells = [
    csvCell(entry.id),
    csvCell(entry.seq),
    csvCell(entry.at),
    csvCell(entry.userId),
    csvCell(entry.username),
    csvCell(entry.action),
    csvCell(entry.recordType),
    csvCell(entry.recordId),
    csvCell(entry.studyId),
    csvCell(entry.siteCode),
    csvCell(entry.old, { json: true }),
    csvCell(entry.new, { json: true }),
    csvCell(entry.reason),
    csvCell(entry.prevHash),
    csvCell(entry.hash),
  ];
  return `${cells.join(',')}\r\n`;
}
