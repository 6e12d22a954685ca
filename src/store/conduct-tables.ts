// Studies, sites and the audit trail as Kysely sees them (see migrations/006_studies.ts).
import type { ColumnType, Generated } from 'kysely';
import type { SiteStatus } from '../conduct/model.ts';

export interface StudyTables {
  study: StudyTable;
  study_protocol: StudyProtocolTable;
  study_site: StudySiteTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A date column read as 'YYYY-MM-DD' (the pg type parser is set so in store/database.ts). */
type DateColumn = ColumnType<string, string, string>;

export interface StudyTable {
  study_id: string;
  title: string;
  title_zh: string | null;
  current_version: number;
  created_at: CreatedAt;
}

export interface StudyProtocolTable {
  study_id: string;
  version: number;
  /** ProtocolSettings (core/study/protocol.ts), validated on the way in and out. */
  settings: unknown;
  created_at: CreatedAt;
  created_by: number | null;
}

export interface StudySiteTable {
  study_id: string;
  site_code: string;
  name_en: string;
  name_zh: string | null;
  name_zh_note: string | null;
  city_en: string;
  city_zh: string | null;
  province: string;
  province_zh: string | null;
  status: SiteStatus;
  activated_on: DateColumn | null;
  target_enrollment: number | null;
  is_lead_sponsor: Generated<boolean>;
  range_site_id: string | null;
}

export interface AuditEventTable {
  id: Generated<number>;
  seq: number;
  at: Timestamp;
  user_id: number | null;
  username: string;
  via: string;
  action: string;
  record_type: string;
  record_id: string;
  study_id: string | null;
  site_code: string | null;
  old_value: unknown;
  new_value: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}
