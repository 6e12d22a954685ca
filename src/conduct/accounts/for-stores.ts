// The account service over an installation's stores: its accounts repository, its study directory and
// its audit chain. The server (one per app) and the CLI (one per command) build it the same way here.
import type { AuditWriter } from '../audit/entry.ts';
import type { AccountRepository } from '../../store/accounts/repository.ts';
import { createAccountService, type AccountService } from './service.ts';
import type { StudyDirectory } from './study-directory.ts';

export interface AccountStores {
  accounts: AccountRepository;
  studyDirectory: StudyDirectory;
  auditWriter: AuditWriter;
}

export function accountServiceOf(stores: AccountStores): AccountService {
  return createAccountService({ accounts: stores.accounts, studies: stores.studyDirectory, audit: { record: (tx, entry) => stores.auditWriter.append(tx, entry) } });
}
