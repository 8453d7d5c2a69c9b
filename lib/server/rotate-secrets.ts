import "server-only";
import type { getDbHandle } from "@/db/client";
import { decryptSecret, encryptSecret, needsRotation, type Keyring } from "./secret-box";
import { secretColumns } from "./secret-columns";

type Handle = Awaited<ReturnType<typeof getDbHandle>>;

/**
 * Re-encrypts every stored secret not sealed with the keyring's primary key; returns how many.
 * `accountId` limits the run to one account's secrets.
 */
export async function rotateSecrets(handle: Handle, keyring: Keyring, options: { accountId?: string } = {}): Promise<number> {
  let rotated = 0;
  for (const c of secretColumns) {
    if (options.accountId && !c.accountIdSql) continue;
    const scope = options.accountId ? ` and ${c.accountIdSql} = $1` : "";
    const rows = await handle.query<{ k: string; row_id: string; account_id: string | null; value: string }>(
      `select ${c.keySql}::text as k, ${c.rowIdSql} as row_id, ${c.accountIdSql ?? "null"} as account_id, ${c.column} as value
       from ${c.table} where ${c.column} is not null${scope}`,
      options.accountId ? [options.accountId] : [],
    );
    for (const row of rows) {
      if (!needsRotation(row.value, keyring)) continue;
      const ctx = { table: c.table, column: c.column, rowId: row.row_id, accountId: row.account_id };
      const resealed = encryptSecret(decryptSecret(row.value, ctx, keyring), ctx, keyring);
      // Only replace the value that was read: a concurrent change wins and is handled on the next run.
      await handle.query(`update ${c.table} set ${c.column} = $1 where ${c.keySql}::text = $2 and ${c.column} = $3`, [resealed, row.k, row.value]);
      rotated++;
    }
  }
  return rotated;
}
