// eligo token create|list|revoke: API tokens (Authorization: Bearer …) for a user's scripts. The token is
// printed once, alone on stdout, so `TOKEN=$(eligo token create --username U)` keeps it; only its hash is stored.
import type { Command } from 'commander';
import type { TokenView } from '../../conduct/accounts/service.ts';
import { flagged, positiveId, withAccounts } from './account-cli.ts';

function tokenLine(token: TokenView): string {
  const state = token.revokedAt ? `revoked ${token.revokedAt}` : token.lastUsedAt ? `last used ${token.lastUsedAt}` : 'never used';
  return `#${token.id} ${token.prefix}… "${token.name}" created ${token.createdAt}, ${state}`;
}

export function registerTokens(program: Command): void {
  const token = program.command('token').description("a user's API tokens for scripts");

  token
    .command('create')
    .description('create an API token for a user and print it once (stdout: the token only)')
    .requiredOption('--username <username>', 'the user the token acts as')
    .option('--name <name>', 'what the token is for', 'API token')
    .action((options: { username: string; name: string }) =>
      flagged(async () => {
        const created = await withAccounts(async (accounts, actor) => {
          const user = await accounts.findUser(actor, options.username);
          return accounts.createToken(actor, { userId: user.id, name: options.name });
        });
        process.stdout.write(`${created.token}\n`);
        process.stderr.write(`API token #${created.view.id} "${created.view.name}" for ${options.username}: shown this once; revoke it with eligo token revoke --id ${created.view.id}\n`);
      }),
    );

  token
    .command('list')
    .description("a user's tokens: id, name, first characters, use (never the tokens)")
    .requiredOption('--username <username>', 'the user')
    .option('--json', 'one JSON object: {tokens: [...]}')
    .action((options: { username: string; json?: boolean }) =>
      flagged(async () => {
        const tokens = await withAccounts(async (accounts, actor) => accounts.listTokens(actor, (await accounts.findUser(actor, options.username)).id));
        if (options.json) process.stdout.write(`${JSON.stringify({ tokens })}\n`);
        else process.stdout.write(tokens.length === 0 ? `${options.username} has no API tokens.\n` : tokens.map((t) => `${tokenLine(t)}\n`).join(''));
      }),
    );

  token
    .command('revoke')
    .description('revoke a token by its id (see token list)')
    .requiredOption('--id <id>', 'the token id')
    .action((options: { id: string }) =>
      flagged(async () => {
        const revoked = await withAccounts((accounts, actor) => accounts.revokeToken(actor, positiveId(options.id, '--id')));
        process.stdout.write(`revoked ${tokenLine(revoked)}\n`);
      }),
    );
}
