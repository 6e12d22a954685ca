// The account service: sign-in and sessions, API tokens, users and grants — one object built from a
// repository, a study directory and (optionally) the audit sink.
import { accountContext, type AccountServiceDependencies } from './context.ts';
import { signInService } from './sign-in.ts';
import { tokenService } from './tokens.ts';
import { userService } from './users.ts';

export type AccountService = ReturnType<typeof createAccountService>;

export function createAccountService(deps: AccountServiceDependencies) {
  const context = accountContext(deps);
  return { ...signInService(context), ...tokenService(context), ...userService(context) };
}

export type { AccountServiceDependencies, GrantView, TokenView, UserView } from './context.ts';
export type { Authenticated, SignedIn } from './sign-in.ts';
export type { UserWithGrants, NewUserInput } from './users.ts';
export type { GrantInput } from './grants.ts';
