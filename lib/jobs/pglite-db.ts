/**
 * pg-boss's `db` option over the embedded database handle. pg-boss sends single statements with
 * parameters, and scripts (schema creation, locked maintenance) or plain statements without any:
 * the extended protocol takes one statement, so those go through `exec`. Objects (job data,
 * options) are sent as JSON text and `undefined` as null, as node-postgres, pg-boss's own driver, sends them.
 */
export function bossDbOverHandle(handle: {
  query: (text: string, params?: unknown[]) => Promise<unknown[]>;
  exec: (text: string) => Promise<Array<{ rows: unknown[]; fields: unknown[] }>>;
}) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return { rows: await handle.query(text, values.map(asParameter)) };
      const results = await handle.exec(text);
      return results.findLast((r) => r.fields.length > 0) ?? results[results.length - 1] ?? { rows: [] };
    },
  };
}

const asParameter = (value: unknown) =>
  value === undefined
    ? null
    : value !== null &&
        typeof value === "object" &&
        !(value instanceof Date) &&
        !Buffer.isBuffer(value) &&
        !Array.isArray(value)
      ? JSON.stringify(value)
      : value;
