import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import type { SqlClient } from '@ledger/event-store';

import { ROLES, type Principal, type Role } from '../shared/principal';

/**
 * Bearer tokens `ltk_<id>_<secret>`. Only sha256(secret) is stored; the id finds the row and the secret's hash is
 * compared in constant time, so neither a database reader nor a timing probe learns a usable token.
 */
export interface IssuedToken {
  readonly token: string;
  readonly principal: Principal;
}

const digest = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

export async function issueToken(sql: SqlClient, principal: Principal, label = ''): Promise<IssuedToken> {
  if (!ROLES.includes(principal.role)) throw new Error(`unknown role ${principal.role}`);
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  await sql.query(
    `INSERT INTO access_tokens (token_id, secret_sha256, principal_id, role, unit_id, squad_id, label)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      digest(secret).toString('hex'),
      principal.id,
      principal.role,
      principal.unitId,
      principal.squadId,
      label,
    ],
  );
  return { token: `ltk_${id}_${secret}`, principal };
}

export async function principalForToken(sql: SqlClient, token: string): Promise<Principal | null> {
  const match = /^ltk_([0-9a-f]{12})_([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const [, id, secret] = match as unknown as [string, string, string];
  const [row] = await sql.query<{
    secret_sha256: string;
    principal_id: string;
    role: Role;
    unit_id: string;
    squad_id: string | null;
  }>(
    'SELECT secret_sha256, principal_id, role, unit_id, squad_id FROM access_tokens WHERE token_id = $1 AND revoked_at IS NULL',
    [id],
  );
  const presented = digest(secret);
  const stored = Buffer.from(row?.secret_sha256 ?? '0'.repeat(64), 'hex');
  if (!timingSafeEqual(presented, stored) || !row) return null;
  return { id: row.principal_id, role: row.role, unitId: row.unit_id, squadId: row.squad_id };
}

/** Processes that cache principals (TokenCache) hear of every revocation on this channel, at its commit. */
export const TOKEN_REVOCATIONS_CHANNEL = 'ledger_token_revocations';

export async function revokeTokensOf(sql: SqlClient, principalId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `WITH revoked AS (
       UPDATE access_tokens SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL RETURNING 1)
     SELECT count(*)::int AS n, pg_notify('${TOKEN_REVOCATIONS_CHANNEL}', $1) FROM revoked`,
    [principalId],
  );
  return row?.n ?? 0;
}
