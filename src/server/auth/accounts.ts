// The one account service of an app, built from its database: the authentication middleware and the
// auth and admin routes share it (and so its rate limiters' view of the same requests).
import type { AccountService } from '../../conduct/accounts/service.ts';
import { createAccountService } from '../../conduct/accounts/service.ts';
import { kyselyAccountRepository } from '../../store/accounts/kysely-accounts.ts';
import { registryStudyDirectory } from '../../store/accounts/registry-study-directory.ts';
import type { AppDependencies } from '../app.ts';

const services = new WeakMap<AppDependencies, AccountService>();

export function accountServiceFor(deps: AppDependencies): AccountService {
  let service = services.get(deps);
  if (!service) {
    // TODO(lead): the study directory over the study tables and the audit sink (helper E) go here.
    service = createAccountService({ accounts: kyselyAccountRepository(deps.db), studies: registryStudyDirectory(deps.db) });
    services.set(deps, service);
  }
  return service;
}
