// The one account service of an app, built from its database: the authentication middleware and the
// auth and admin routes share it (and so its rate limiters' view of the same requests).
import { accountServiceOf } from '../../conduct/accounts/for-stores.ts';
import type { AccountService } from '../../conduct/accounts/service.ts';
import type { AppDependencies } from '../app.ts';

const services = new WeakMap<AppDependencies, AccountService>();

export function accountServiceFor(deps: AppDependencies): AccountService {
  let service = services.get(deps);
  if (!service) {
    service = accountServiceOf(deps.stores);
    services.set(deps, service);
  }
  return service;
}
