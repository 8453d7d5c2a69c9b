import { expect, type APIRequestContext } from "@playwright/test";
import { uniqueName } from "../../test/support/wordpress";

/**
 * A script reads a resource, changes one field and writes the whole answer back: for every
 * resource with a PUT or PATCH, its GET answer sent back is accepted (read-only fields ignored,
 * whatever their value), changes exactly what was changed, and a field the resource does not
 * have is still 422 naming it.
 */
export type Json = Record<string, unknown>;
export type RoundTrip = {
  method: "PUT" | "PATCH";
  path: string;
  /** The answer with one writable field changed. */
  change: (answer: Json) => Json;
  /** What GET answers after that change (by default: exactly the changed answer). */
  expected?: (answer: Json) => Json;
  /** Read-only fields sent back with other values; they must be ignored. */
  readOnly?: Json;
  /** Fields a write moves by itself (updated_at). */
  volatile?: string[];
};

const without = (value: Json, keys: string[]) =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));

export async function getJson(api: APIRequestContext, path: string): Promise<Json> {
  const res = await api.get(path);
  expect(res.status(), `GET ${path}`).toBe(200);
  return res.json();
}

export async function expectRoundTrip(api: APIRequestContext, c: RoundTrip) {
  const volatile = c.volatile ?? ["updated_at"];
  const write = (data: unknown) => api.fetch(c.path, { method: c.method, data });
  const answer = await getJson(api, c.path);

  const same = await write(answer);
  expect(same.status(), `${c.method} ${c.path} with its own GET answer: ${await same.text()}`).toBe(200);
  const unchanged = await getJson(api, c.path);
  expect(without(unchanged, volatile), "nothing changed").toEqual(without(answer, volatile));

  if (c.readOnly) {
    const ignored = await write({ ...unchanged, ...c.readOnly });
    expect(ignored.status(), `read-only fields with other values: ${await ignored.text()}`).toBe(200);
    expect(without(await getJson(api, c.path), volatile), "read-only fields are ignored").toEqual(
      without(answer, volatile),
    );
  }

  const changed = c.change(structuredClone(unchanged));
  const edit = await write(changed);
  expect(edit.status(), `one field changed: ${await edit.text()}`).toBe(200);
  const after = await getJson(api, c.path);
  expect(without(after, volatile), "only that field changed").toEqual(
    without((c.expected ?? ((x) => x))(changed), volatile),
  );

  const unknown = await write({ ...after, colour: "red" });
  expect(unknown.status()).toBe(422);
  expect((await unknown.json()).error).toMatchObject({
    code: "validation_error",
    message: "body: unknown field: colour",
  });
  expect(await getJson(api, c.path), "a refused write changes nothing").toEqual(after);
}
export async function createSite(api: APIRequestContext, url = "https://round-trip.example.com") {
  const res = await api.post("/api/v1/sites/", { data: { name: uniqueName("Round trip"), url } });
  expect(res.status()).toBe(201);
  return (await res.json()).id as string;
}
