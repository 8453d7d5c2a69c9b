/**
 * pg-boss's `db` option over the embedded database handle. pg-boss sends single statements with
 * parameters, and scripts (schema creation, locked maintenance) or plain statements without any:
 * PGlite's extended protocol takes one statement, so those go through `exec`.
 */
export function bossDbOverHandle(handle: {
  query: (text: string, params?: unknown[]) => Promise<unknown[]>;
  exec: (text: string) => Promise<Array<{ rows: unknown[]; fields: unknown[] }>>;
}) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return { rows: await handle.query(text, values) };
      const results = await handle.exec(text);
      return results.findLast((r) => r.fields.length > 0) ?? results[results.length - 1] ?? { rows: [] };
    },
  };
}
