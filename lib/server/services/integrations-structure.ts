import "server-only";
import type { Db } from "@/db/client";
import { updateIntegration } from "@/db/queries/integrations";
import { replaceRemoteTerms } from "@/db/queries/taxonomies";
import { getPlatformAdapter } from "@/lib/platforms/registry";
import { PlatformError, type RemoteContentType } from "@/lib/platforms/types";
import { egressFetch } from "@/lib/server/egress";
import {
  collectionTestSchema,
  structureResultSchema,
  type ContentTypeDto,
  type StructureResultDto,
} from "@/lib/schemas/integration-checks";
import { ApiError } from "../api/errors";
import { getIntegrationOr404, openConnection, platformOf } from "./integrations";

/** A platform failure as an API error, with the status of the error table (422 unless the site is down). */
export function toApiError(error: unknown): unknown {
  if (!(error instanceof PlatformError)) return error;
  const code =
    error.code === "forbidden" ? "insufficient_role" : error.code === "not_found" ? "remote_not_found" : error.code;
  return new ApiError(code, error.message, {
    fix: error.fix,
    details: error.platformCode ? { platform_code: error.platformCode } : undefined,
  });
}

/** Runs a platform call, its failure as an API error. */
export async function callPlatform<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toApiError(error);
  }
}

const toContentTypeDto = (t: RemoteContentType): ContentTypeDto => ({
  slug: t.slug,
  name: t.name,
  rest_base: t.restBase,
  count: t.count,
});

async function withConnection(db: Db, accountId: string, id: string) {
  const row = await getIntegrationOr404(db, accountId, id);
  const connection = await openConnection(db, row);
  return {
    row,
    session: getPlatformAdapter(platformOf(row.integration)).connect({ ...connection, http: egressFetch }),
  };
}

/** Every REST-visible content type with WordPress's own count (X-WP-Total). */
export async function listContentTypes(db: Db, accountId: string, id: string): Promise<ContentTypeDto[]> {
  const { session } = await withConnection(db, accountId, id);
  return (await callPlatform(() => session.listContentTypes())).map(toContentTypeDto);
}

/** Whether one collection answers, and how many items it has; a failure is `ok: false` with why. */
export async function testCollection(db: Db, accountId: string, id: string, contentType: string) {
  const { session } = await withConnection(db, accountId, id);
  try {
    return collectionTestSchema.parse({
      ok: true,
      content_type: contentType,
      count: await session.countItems(contentType),
    });
  } catch (error) {
    const apiError = toApiError(error);
    if (!(apiError instanceof ApiError)) throw error;
    return collectionTestSchema.parse({
      ok: false,
      content_type: contentType,
      count: null,
      error: { code: apiError.code, message: apiError.message, ...(apiError.fix ? { fix: apiError.fix } : {}) },
    });
  }
}

/**
 * Pulls categories (with parents), tags (every page) and content types into our tables, keyed by
 * WordPress id. Idempotent: a second run creates nothing. Content types are kept on the
 * integration's config_json under `content_types`.
 */
export async function updateStructure(db: Db, accountId: string, id: string): Promise<StructureResultDto> {
  const { row, session } = await withConnection(db, accountId, id);
  const [categories, tags, types] = await callPlatform(() =>
    Promise.all([session.terms.list("category"), session.terms.list("tag"), session.listContentTypes()]),
  );
  const scope = { accountId, siteId: row.site.id, integrationId: id };
  const toRows = (terms: typeof categories) =>
    terms.map(({ externalId, name, slug, parentId }) => ({ externalId, name, slug, parentExternalId: parentId }));
  const contentTypes = types.map(toContentTypeDto);
  const result = await db.transaction(async (tx) => {
    const categoryCounts = await replaceRemoteTerms(tx, { ...scope, type: "category" }, toRows(categories));
    const tagCounts = await replaceRemoteTerms(tx, { ...scope, type: "tag" }, toRows(tags));
    await updateIntegration(
      tx,
      { accountId, id },
      {
        configJson: {
          ...row.integration.configJson,
          content_types: contentTypes.map(({ slug, name, rest_base }) => ({ slug, name, rest_base })),
          structure_updated_at: new Date().toISOString(),
        },
      },
    );
    return { categories: categoryCounts, tags: tagCounts };
  });
  return structureResultSchema.parse({ ...result, content_types: contentTypes });
}
