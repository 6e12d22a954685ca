// Status and phase badges. Colour is never the only signal: each badge carries its text.
import { useT } from '../i18n/i18n.tsx';

const OPEN_STATUSES = new Set(['RECRUITING', 'NOT_YET_RECRUITING', 'ENROLLING_BY_INVITATION', 'AVAILABLE']);
const STOPPED_STATUSES = new Set(['SUSPENDED', 'TERMINATED', 'WITHDRAWN', 'NO_LONGER_AVAILABLE', 'WITHHELD']);

export function statusTone(status: string): 'open' | 'stopped' | 'neutral' {
  if (OPEN_STATUSES.has(status)) return 'open';
  if (STOPPED_STATUSES.has(status)) return 'stopped';
  return 'neutral';
}

export function StatusBadge({ status }: { status?: string | null }) {
  const t = useT();
  if (!status) return null;
  return <span className={`badge badge-status badge-${statusTone(status)}`}>{t.enumValue('status', status)}</span>;
}

/** A Phase 1/2 study carries PHASE1 and PHASE2; it is shown as one badge "Phase 1 / Phase 2". */
export function PhaseBadge({ phases }: { phases?: readonly string[] | null }) {
  const t = useT();
  if (!phases || phases.length === 0) return null;
  return <span className="badge badge-phase">{phases.map((phase) => t.enumValue('phase', phase)).join(' / ')}</span>;
}

export function StudyTypeBadge({ studyType }: { studyType?: string | null }) {
  const t = useT();
  if (!studyType) return null;
  return <span className="badge badge-type">{t.enumValue('studyType', studyType)}</span>;
}
