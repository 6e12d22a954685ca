// API tokens for scripts: the token is returned once when created and kept only as its SHA-256.
import { EligoError, notFound } from '../../core/problems.ts';
import type { Actor } from '../access/actor.ts';
import { auditActor } from './audit.ts';
import { recordAudit, tokenView, type AccountContext, type TokenView } from './context.ts';
import { newApiToken } from './secrets.ts';

export interface CreatedToken {
  /** The only time the token is shown: it cannot be read back later. */
  token: string;
  view: TokenView;
}

export function tokenService(context: AccountContext) {
  const { accounts } = context;

  /** Your own tokens; a system administrator may also issue one for another user (the CLI does). */
  async function ownerOf(actor: Actor, userId: number | undefined): Promise<number> {
    const owner = userId ?? actor.userId;
    if (owner !== actor.userId && !actor.isSystemAdmin) throw notFound('user', 'userId', owner);
    const user = await accounts.findUserById(owner);
    if (!user || user.disabledAt !== null) throw notFound('user', 'userId', owner);
    return owner;
  }

  return {
    async createToken(actor: Actor, input: { name?: string; userId?: number }): Promise<CreatedToken> {
      const name = (input.name ?? 'API token').trim();
      if (name.length === 0 || name.length > 100) {
        throw EligoError.of('invalid', { code: 'invalid_token_name', field: 'name', value: input.name, expected: 'a name of 1 to 100 characters' });
      }
      const userId = await ownerOf(actor, input.userId);
      const secret = newApiToken();
      const now = context.now();
      const row = await accounts.transaction(async (repo, tx) => {
        const inserted = await repo.insertApiToken({ userId, name, tokenHash: secret.hash, prefix: secret.prefix, createdAt: now });
        await recordAudit(context, tx, { actor: auditActor(actor), action: 'token.create', recordType: 'account_api_token', recordId: String(inserted.id), oldValue: null, newValue: { userId, name, prefix: secret.prefix } }, now);
        return inserted;
      });
      return { token: secret.token, view: tokenView(row) };
    },

    async listTokens(actor: Actor, userId?: number): Promise<TokenView[]> {
      return (await accounts.listApiTokens(await ownerOf(actor, userId))).map(tokenView);
    },

    /** Someone else's token answers not_found, exactly like one that does not exist. */
    async revokeToken(actor: Actor, tokenId: number): Promise<TokenView> {
      const token = await accounts.findApiToken(tokenId);
      if (!token || (token.userId !== actor.userId && !actor.isSystemAdmin)) throw notFound('API token', 'id', tokenId);
      if (token.revokedAt !== null) return tokenView(token);
      const now = context.now();
      const revoked = await accounts.transaction(async (repo, tx) => {
        const row = (await repo.revokeApiToken(tokenId, now)) ?? token;
        await recordAudit(context, tx, { actor: auditActor(actor), action: 'token.revoke', recordType: 'account_api_token', recordId: String(tokenId), oldValue: { revokedAt: null }, newValue: { revokedAt: now.toISOString() } }, now);
        return row;
      });
      return tokenView(revoked);
    },
  };
}
