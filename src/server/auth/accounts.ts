// The one account service of an app, built from its database: the authentication middleware and the
// auth and admin routes share it (and so its rate limiters' view of the same requests).
import type { AccountService } from '../../conduct/accounts/service.ts';
import { createAccountService } from '../../conduct/accounts/service.ts';
import type { AppDependencies } from '../app.ts';

const services = new WeakMap<AppDependencies, AccountService>();

export function accountServiceFor(deps: AppDependencies): AccountService {
  let service = services.get(deps);
  if (!service) {
    service = createAccountService({ accounts: deps.stores.accounts, studies: deps.stores.studyDirectory, audit: { record: (tx, entry) => deps.stores.auditWriter.append(tx, entry) } });
    services.set(deps, service);
  }
  return service;
}
