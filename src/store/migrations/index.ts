// Forward-only, numbered migrations; each runs in its own transaction. Add new ones at the end.
import type { Migration } from 'kysely/migration';
import * as meta from './001_meta.ts';
import * as registry from './002_registry.ts';
import * as eligibility from './003_eligibility.ts';
import * as parsedRuleSets from './004_parsed_rule_sets.ts';
import * as accounts from './005_accounts.ts';
import * as studies from './006_studies.ts';
import * as subjects from './007_subjects.ts';
import * as followUp from './008_follow_up.ts';
import * as visitNote from './009_visit_note.ts';
import * as adverseEventReports from './010_adverse_event_reports.ts';
import * as screeningSex from './011_screening_sex.ts';

export const migrations: Record<string, Migration> = {
  '001_meta': meta,
  '002_registry': registry,
  '003_eligibility': eligibility,
  '004_parsed_rule_sets': parsedRuleSets,
  '005_accounts': accounts,
  '006_studies': studies,
  '007_subjects': subjects,
  '008_follow_up': followUp,
  '009_visit_note': visitNote,
  '010_adverse_event_reports': adverseEventReports,
  '011_screening_sex': screeningSex,
};
