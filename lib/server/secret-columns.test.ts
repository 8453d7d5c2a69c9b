import { describe, expect, it } from "vitest";
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import * as tables from "@/db/tables";
import { accountAiSettings, globalIntegrationSettings } from "@/db/tables";
import { aiProviders } from "@/lib/ai/types";
import { secretColumns } from "./secret-columns";

const covered = new Set(secretColumns.map((c) => `${c.table}.${c.column}`));
// Columns declared without a name take their key, which the client's snake_case casing converts.
const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const columnsOf = (table: PgTable) =>
  Object.values(getTableColumns(table)).map((c) => `${getTableName(table)}.${c.keyAsName ? snake(c.name) : c.name}`);

describe("the secret columns that secrets:rotate re-encrypts", () => {
  it.each(aiProviders)("cover the %s key of the platform and of every account", (provider) => {
    for (const table of [globalIntegrationSettings, accountAiSettings]) {
      const column = `${getTableName(table)}.${provider}_api_key`;
      expect(columnsOf(table), "the schema has the column").toContain(column);
      expect(covered.has(column), column).toBe(true);
    }
  });

  it("cover every column of the schema that holds a sealed key or secret", () => {
    const all = Object.values(tables).flatMap((table) => (is(table, PgTable) ? columnsOf(table) : []));
    const sealed = all.filter((column) => /(_api_key|_secret|_secret_previous)$/.test(column));
    expect(sealed.length).toBeGreaterThanOrEqual(aiProviders.length * 2 + 3);
    expect(sealed.filter((column) => !covered.has(column))).toEqual([]);
    const unknown = [...covered].filter((column) => !all.includes(column));
    expect(unknown, "names a column the schema does not have").toEqual([]);
  });
});
