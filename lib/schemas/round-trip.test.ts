import { describe, expect, it } from "vitest";
import { z } from "zod";
import { acceptingReadOnly, strictBody } from "./common";
import { updateAiSettingsBodySchema } from "./ai";
import { updateContentBodySchema } from "./content";
import { patchIntegrationBodySchema, putIntegrationBodySchema } from "./integrations";
import { resources } from "./round-trip.fixtures";

/** The message the API answers for a failed parse: "<field>: <problem>" (as handler.ts builds it). */
function messageOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `${issue.path.join(".") || "body"}: ${issue.message}`;
}

describe("acceptingReadOnly", () => {
  const dto = z.object({ id: z.string(), name: z.string(), count: z.number(), updated_at: z.string() });
  const body = acceptingReadOnly(strictBody({ name: z.string().min(1, "is required") }).partial(), dto);

  it("drops the resource's read-only fields, whatever their value", () => {
    expect(body.parse({ id: "a", name: "x", count: 3, updated_at: "2026-01-01T00:00:00.000Z" })).toEqual({ name: "x" });
    expect(body.parse({ id: 42, name: "x", count: "many", updated_at: null })).toEqual({ name: "x" });
  });

  it("keeps the writable fields' validation and refuses fields of neither schema, naming them", () => {
    expect(messageOf(body, { id: "a", name: "" })).toBe("name: is required");
    expect(messageOf(body, { id: "a", name: "x", colour: "red", size: 2 })).toBe("body: unknown field: colour, size");
    expect(messageOf(body, [])).toBe("body: must be a JSON object");
    expect(messageOf(body, "name")).toBe("body: must be a JSON object");
  });

  it("goes through nested bodies wrapped the same way", () => {
    const nestedDto = z.object({ label: z.string(), has_secret: z.boolean() });
    const outer = acceptingReadOnly(
      strictBody({ nested: acceptingReadOnly(strictBody({ label: z.string() }).partial(), nestedDto).optional() }),
      z.object({ id: z.string(), nested: nestedDto }),
    );
    expect(outer.parse({ id: "a", nested: { label: "l", has_secret: true } })).toEqual({ nested: { label: "l" } });
    expect(messageOf(outer, { nested: { label: "l", secret: "s" } })).toBe("nested: unknown field: secret");
  });
});

describe.each(resources)("$name: a GET answer sent back", ({ dto, body, answer, writes }) => {
  it("is a valid GET answer (the sample keeps up with the resource)", () => {
    expect(dto.parse(answer)).toEqual(answer);
  });

  it("passes, and only the writable fields reach the service", () => {
    expect(body.parse(answer)).toEqual(writes);
  });

  it("passes with changed read-only values too (they are ignored)", () => {
    const readOnly = Object.keys(answer).filter((key) => !(key in writes) && key !== "credentials");
    const changed = {
      ...answer,
      ...Object.fromEntries(readOnly.map((key) => [key, typeof answer[key] === "number" ? 999 : "changed"])),
    };
    expect(body.parse(changed)).toEqual(writes);
  });

  it("still refuses a field the resource does not have, naming it", () => {
    expect(messageOf(body, { ...answer, colour: "red" })).toBe("body: unknown field: colour");
  });
});

describe("write bodies where a GET answer names a field differently", () => {
  const integration = resources.find((r) => r.name === "integration (PUT)")!.answer;

  it("integration: credentials.username is the username; has_password and password_last4 are read-only", () => {
    const changed = {
      ...integration,
      credentials: { username: "author", has_password: false, password_last4: "0000" },
    };
    expect(putIntegrationBodySchema.parse(changed)).toMatchObject({ username: "author" });
    expect(patchIntegrationBodySchema.parse({ credentials: { username: "author" } })).toEqual({ username: "author" });
    expect(patchIntegrationBodySchema.parse({ username: "author", credentials: { username: "author" } })).toEqual({
      username: "author",
    });
    expect(messageOf(patchIntegrationBodySchema, { username: "author", credentials: { username: "editor" } })).toBe(
      "credentials.username: differs from username; send one of them",
    );
    expect(messageOf(patchIntegrationBodySchema, { credentials: { username: "a", password: "p" } })).toBe(
      "credentials: unknown field: password",
    );
    // null is what a GET answers when no username is stored: it keeps the stored one.
    expect(
      putIntegrationBodySchema.parse({
        ...integration,
        credentials: { username: null, has_password: false, password_last4: null },
      }),
    ).not.toHaveProperty("username");
  });

  it("AI settings: scope is needed for keys and default_* fields, not for a GET answer's levels", () => {
    expect(messageOf(updateAiSettingsBodySchema, { keys: { openai: "sk-12345678" } })).toBe(
      "scope: is required with keys and default_*: global or account",
    );
    expect(messageOf(updateAiSettingsBodySchema, { default_text_model: "gpt-4o" })).toBe(
      "scope: is required with keys and default_*: global or account",
    );
    expect(messageOf(updateAiSettingsBodySchema, { scope: "account" })).toMatch(/^body: send at least one of: keys/);
    expect(
      messageOf(updateAiSettingsBodySchema, { account_defaults: { default_text_model: "gpt-4o", colour: "red" } }),
    ).toBe("account_defaults: unknown field: colour");
    expect(updateAiSettingsBodySchema.parse({ account_defaults: { default_image_provider: "" } })).toEqual({
      account_defaults: { default_image_provider: null },
    });
  });

  it("content: a person still cannot type an empty title on create, and bad slugs stay refused", () => {
    expect(messageOf(updateContentBodySchema, { slug: "Not A Slug" })).toMatch(/^slug: /);
    expect(messageOf(updateContentBodySchema, { slug: "trailing-" })).toMatch(/^slug: /);
    expect(updateContentBodySchema.parse({ slug: "my_post-2" })).toEqual({ slug: "my_post-2" });
    expect(messageOf(updateContentBodySchema, { status: "live" })).toBe(
      "status: must be one of: draft, review, approved, scheduled",
    );
    expect(messageOf(updateContentBodySchema, { title: null })).toBe("title: is required");
  });
});
