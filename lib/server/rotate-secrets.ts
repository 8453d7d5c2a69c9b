import "server-only";
import type { getDbHandle } from "@/db/client";
import {
  decryptSecret,
  encryptSecret,
  needsRotation,
  SecretBoxError,
  type Keyring,
  type SecretContext,
} from "./secret-box";
import { secretColumns, type SecretColumn } from "./secret-columns";

type Handle = Awaited<ReturnType<typeof getDbHandle>>;

/** How the owner of each table's secrets stores a fresh one. */
const RENEW: Record<string, string> = {
  sites: "re-enter the site's Application Password (Integrations → Edit)",
  site_integrations: "click Install webhooks on the site's Sync Dashboard",
  global_integration_settings: "save the platform's AI key again (Settings → Integrations → AI providers)",
  account_ai_settings: "save the account's AI key again (Settings → Integrations → AI providers)",
};

/** Decrypts one stored value; a failure says which row and column, and what repairs it. */
function open(c: SecretColumn, row: { row_id: string; value: string }, ctx: SecretContext, keyring: Keyring) {
  try {
    return decryptSecret(row.value, ctx, keyring);
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
    throw new SecretBoxError(
      `${c.table}.${c.column} of row ${row.row_id} cannot be decrypted, so it was not re-encrypted: ${error.message}. ` +
        `Put its key back in ENCRYPTION_KEYS, or ${RENEW[c.table] ?? "store that secret again"}, then run secrets:rotate again (secrets already re-encrypted stay so).`,
      error.failure,
      error.keyId,
    );
  }
}

/**
 * Re-encrypts every stored secret not sealed with the keyring's primary key; returns how many.
 * `accountId` limits the run to one account's secrets.
 */
export async function rotateSecrets(
  handle: Handle,
  keyring: Keyring,
  options: { accountId?: string } = {},
): Promise<number> {
  let rotated = 0;
  for (const c of secretColumns) {
    if (options.accountId && !c.accountIdSql) continue;
    const scope = options.accountId ? ` and ${c.accountIdSql} = $1` : "";
    const value = c.jsonKey ? `${c.column}->>'${c.jsonKey}'` : c.column;
    const set = c.jsonKey ? `jsonb_set(${c.column}, '{${c.jsonKey}}', to_jsonb($1::text))` : "$1";
    const rows = await handle.query<{ k: string; row_id: string; account_id: string | null; value: string }>(
      `select ${c.keySql}::text as k, ${c.rowIdSql} as row_id, ${c.accountIdSql ?? "null"} as account_id, ${value} as value
       from ${c.table} where ${value} is not null${scope}`,
      options.accountId ? [options.accountId] : [],
    );
    for (const row of rows) {
      if (!needsRotation(row.value, keyring)) continue;
      const ctx = { table: c.table, column: c.column, rowId: row.row_id, accountId: row.account_id };
      const resealed = encryptSecret(open(c, row, ctx, keyring), ctx, keyring);
      // Only replace the value that was read: a concurrent change wins and is handled on the next run.
      await handle.query(`update ${c.table} set ${c.column} = ${set} where ${c.keySql}::text = $2 and ${value} = $3`, [
        resealed,
        row.k,
        row.value,
      ]);
      rotated++;
    }
  }
  return rotated;
}
