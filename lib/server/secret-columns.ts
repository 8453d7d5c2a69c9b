import "server-only";
import { aiProviders } from "@/lib/ai/types";

/**
 * Every column that holds a secret-box ciphertext, with how its associated data is formed.
 * `rowIdSql` and `accountIdSql` are SQL expressions over the row; `keySql` identifies the row.
 */
export type SecretColumn = {
  table: string;
  column: string;
  keySql: string;
  rowIdSql: string;
  accountIdSql: string | null;
  /** The ciphertext is this key of a JSON column (credentials_json's `sealed`), not the column itself. */
  jsonKey?: string;
};

// Each AI provider's key column comes from the provider registry's list, so a new provider is rotated too.
export const secretColumns: SecretColumn[] = [
  { table: "sites", column: "wp_api_key", keySql: "id", rowIdSql: "id::text", accountIdSql: "account_id::text" },
  {
    table: "site_integrations",
    column: "webhook_secret",
    keySql: "id",
    rowIdSql: "id::text",
    accountIdSql: "account_id::text",
  },
  {
    table: "site_integrations",
    column: "webhook_secret_previous",
    keySql: "id",
    rowIdSql: "id::text",
    accountIdSql: "account_id::text",
  },
  {
    table: "site_integrations",
    column: "credentials_json",
    jsonKey: "sealed",
    keySql: "id",
    rowIdSql: "id::text",
    accountIdSql: "account_id::text",
  },
  ...aiProviders.map((p) => ({
    table: "global_integration_settings",
    column: `${p}_api_key`,
    keySql: "id",
    rowIdSql: "'1'",
    accountIdSql: null,
  })),
  ...aiProviders.map((p) => ({
    table: "account_ai_settings",
    column: `${p}_api_key`,
    keySql: "account_id",
    rowIdSql: "account_id::text",
    accountIdSql: "account_id::text",
  })),
];
