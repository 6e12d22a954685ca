// eligo user add|grant|revoke|list|unlock|disable|enable: account administration at the server's console
// (docs/accounts.md). The first system administrator is made here; no default account or password exists.
import type { Command } from 'commander';
import type { GrantInput, GrantView, UserWithGrants } from '../../conduct/accounts/service.ts';
import { grantProblems } from '../../conduct/accounts/grants.ts';
import { newUserProblems } from '../../conduct/accounts/users.ts';
import { EligoError, notFound } from '../../core/problems.ts';
import { usageError } from '../errors.ts';
import { flagged, passwordFromArgsProblem, positiveId, readPasswordFromStdin, requireFlag, withAccounts } from './account-cli.ts';

interface GrantOptions {
  role?: string;
  study?: string[];
  site?: string;
  allocation?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The grants the flags describe: one per --study, each with --role (and --site, --allocation). */
function grantsOf(options: GrantOptions, roleRequired: boolean): GrantInput[] {
  const studies = options.study ?? [];
  if (options.role === undefined) {
    if (roleRequired) throw usageError('--role: required (sponsor_admin, data_manager, monitor, investigator or coordinator), with --study', '--role');
    if (studies.length > 0 || options.site !== undefined || options.allocation) throw usageError('--role: required with --study, --site or --allocation', '--role');
    return [];
  }
  if (studies.length === 0) throw usageError(`--study: required with --role ${options.role} (an NCT id such as NCT05794425)`, '--study');
  const grants = studies.map((studyId) => ({ studyId, siteCode: options.site ?? null, role: options.role as string, canViewAllocation: options.allocation ?? false }));
  // The shape of each grant is checked before the database is opened (the service checks it again).
  const problems = grants.flatMap(grantProblems);
  if (problems.length > 0) throw EligoError.all('invalid', 'invalid_grant', problems);
  return grants;
}

export function grantLabel(grant: GrantView): string {
  return `#${grant.id} ${grant.role} ${grant.studyId}${grant.siteCode ? `/${grant.siteCode}` : ' (all sites)'}${grant.canViewAllocation ? ' +allocation' : ''}`;
}

function userLine(user: UserWithGrants): string {
  const state = [user.isSystemAdmin ? 'system admin' : '', user.disabled ? 'disabled' : '', user.lockedUntil ? `locked until ${user.lockedUntil}` : ''].filter(Boolean).join(', ');
  const grants = user.grants.length > 0 ? user.grants.map(grantLabel).join('; ') : 'no grants';
  return `${user.username} (${user.displayName}, id ${user.id})${state ? ` [${state}]` : ''}: ${grants}`;
}

export function registerUsers(program: Command): void {
  const user = program.command('user').description('administer user accounts and their grants (as the CLI, a system administrator)');

  user
    .command('add')
    .description('create a user; the password is read from standard input (--password-stdin), never an argument')
    .requiredOption('--username <username>', '3 to 64 letters, digits or . _ @ -')
    .option('--role <role>', 'sponsor_admin, data_manager, monitor (study-wide) or investigator, coordinator (one --site)')
    .option('--study <nct>', 'the study of the role (repeat for several studies)', collect)
    .option('--site <code>', 'the site of a site role')
    .option('--allocation', 'may see allocations where the study is blinded')
    .option('--display-name <name>', 'the name shown in the app (default: the username)')
    .option('--system-admin', 'administers the installation (users, studies); no study rights by itself')
    .option('--password-stdin', 'read the password (at least 12 characters) from standard input')
    .action((options: GrantOptions & { username: string; displayName?: string; systemAdmin?: boolean; passwordStdin?: boolean }) =>
      flagged(async () => {
        if (!options.passwordStdin) throw passwordFromArgsProblem();
        const grants = grantsOf(options, !options.systemAdmin);
        const password = await readPasswordFromStdin();
        const problems = newUserProblems({ username: options.username, displayName: options.displayName, password });
        if (problems.length > 0) throw EligoError.all('invalid', 'invalid_user', problems);
        const created = await withAccounts((accounts, actor) => accounts.createUser(actor, { username: options.username, displayName: options.displayName, password, isSystemAdmin: options.systemAdmin ?? false, grants }));
        process.stdout.write(`created ${userLine(created)}\n`);
      }),
    );

  user
    .command('grant')
    .description('give a user a role in a study (at one site, or study-wide)')
    .requiredOption('--username <username>', 'the user')
    .requiredOption('--role <role>', 'the role')
    .requiredOption('--study <nct>', 'the study', collect)
    .option('--site <code>', 'the site of a site role')
    .option('--allocation', 'may see allocations where the study is blinded')
    .action((options: GrantOptions & { username: string }) =>
      flagged(async () => {
        if ((options.study?.length ?? 0) > 1) throw usageError('--study: one study per grant (run eligo user grant once for each)', '--study');
        const [wanted] = grantsOf(options, true);
        const made = await withAccounts(async (accounts, actor) => accounts.grant(actor, (await accounts.findUser(actor, options.username)).id, wanted));
        process.stdout.write(`granted ${options.username} ${grantLabel(made)}\n`);
      }),
    );

  user
    .command('revoke')
    .description('revoke a grant: by --id (see user list), or by --username, --role, --study and --site')
    .option('--id <grant>', 'the grant id')
    .option('--username <username>', 'the user')
    .option('--role <role>', 'the role')
    .option('--study <nct>', 'the study', collect)
    .option('--site <code>', 'the site (omit for a study-wide grant)')
    .action((options: GrantOptions & { id?: string; username?: string }) =>
      flagged(async () => {
        const revoked = await withAccounts(async (accounts, actor) => {
          if (options.id !== undefined) return accounts.revokeGrant(actor, positiveId(options.id, '--id'));
          const username = requireFlag(options.username, '--username', 'or --id');
          const [wanted] = grantsOf({ ...options, study: options.study?.slice(0, 1) }, true);
          const target = await accounts.findUser(actor, username);
          const grant = target.grants.find((g) => g.role === wanted.role && g.studyId === wanted.studyId && g.siteCode === (wanted.siteCode ?? null));
          if (!grant) throw notFound(`grant of ${username}`, 'role', `${wanted.role} ${wanted.studyId}${wanted.siteCode ? `/${wanted.siteCode}` : ''}`);
          return accounts.revokeGrant(actor, grant.id);
        });
        process.stdout.write(`revoked ${grantLabel(revoked)}\n`);
      }),
    );

  user
    .command('list')
    .description('every user with their grants in force')
    .option('--json', 'one JSON object: {users: [...]}')
    .action((options: { json?: boolean }) =>
      flagged(async () => {
        const users = await withAccounts((accounts, actor) => accounts.listUsers(actor));
        if (options.json) process.stdout.write(`${JSON.stringify({ users })}\n`);
        else process.stdout.write(users.length === 0 ? 'No users yet: create the first with eligo user add --system-admin.\n' : users.map((u) => `${userLine(u)}\n`).join(''));
      }),
    );

  const lockAction = (name: 'unlock' | 'disable' | 'enable', description: string) =>
    user
      .command(name)
      .description(description)
      .requiredOption('--username <username>', 'the user')
      .action((options: { username: string }) =>
        flagged(async () => {
          const view = await withAccounts(async (accounts, actor) => {
            const target = await accounts.findUser(actor, options.username);
            return name === 'unlock' ? accounts.unlockUser(actor, target.id) : accounts.setDisabled(actor, target.id, name === 'disable');
          });
          process.stdout.write(`${name === 'unlock' ? 'unlocked' : name === 'disable' ? 'disabled' : 'enabled'} ${view.username}\n`);
        }),
      );
  lockAction('unlock', 'lift the lock-out after repeated failed sign-ins');
  lockAction('disable', 'disable a user: ends their sessions and revokes their API tokens');
  lockAction('enable', 'enable a disabled user again');
}
