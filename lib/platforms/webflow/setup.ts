import "server-only";
import type { Credentials, PlatformSetup } from "@/lib/platforms/types";
import { createWebflowApi } from "./client";
import { suggestFieldMap, validateFieldMap, type MappingProblem } from "./fields";
import type { FieldMap, WebflowCollection, WebflowField } from "./schemas";
import { tokenOf, type WebflowEndpoints } from "./site";

/**
 * What the connect and mapping screens read: sites, collections, a collection's fields with the
 * suggested map, and a map checked against the collection. Throw PlatformError like a session.
 */
export function webflowSetup(credentials: Credentials, endpoints: WebflowEndpoints = {}) {
  const api = createWebflowApi({ token: tokenOf(credentials), ...endpoints });
  const collection = async (id: string) => (await api.call((c) => c.collections.get(id))) as WebflowCollection;
  return {
    async listSites(): Promise<Array<{ id: string; name: string; shortName: string }>> {
      const { sites = [] } = await api.call((c) => c.sites.list());
      return sites.map((s) => ({ id: s.id, name: s.displayName ?? s.id, shortName: s.shortName ?? "" }));
    },
    async listCollections(siteId: string): Promise<Array<{ id: string; name: string; slug: string }>> {
      const { collections = [] } = await api.call((c) => c.collections.list(siteId));
      return collections.map((c) => ({ id: c.id, name: c.displayName ?? c.id, slug: c.slug ?? "" }));
    },
    /** The collection's fields (type, required) and the map IGNY8 suggests for them. */
    async describeCollection(collectionId: string): Promise<{ fields: WebflowField[]; suggested: Partial<FieldMap> }> {
      const c = await collection(collectionId);
      return { fields: c.fields, suggested: suggestFieldMap(c) };
    },
    /** Problems of a map the user confirmed (empty when it fits). */
    async checkFieldMap(collectionId: string, map: FieldMap): Promise<MappingProblem[]> {
      return validateFieldMap(await collection(collectionId), map);
    },
  };
}

/** The contract's setup on top of webflowSetup: every site's collections, fields with their suggested roles. */
export function webflowPlatformSetup(endpoints: WebflowEndpoints = {}): PlatformSetup {
  return {
    async listCollections({ credentials }) {
      const setup = webflowSetup(credentials, endpoints);
      const sites = await setup.listSites();
      const perSite = await Promise.all(
        sites.map(async (site) =>
          (await setup.listCollections(site.id)).map((c) => ({
            id: c.id,
            name: c.name,
            siteId: site.id,
            siteName: site.name,
          })),
        ),
      );
      return perSite.flat();
    },
    async listFields({ credentials, collectionId }) {
      const { fields, suggested } = await webflowSetup(credentials, endpoints).describeCollection(collectionId);
      const roleOf = new Map(Object.entries(suggested).map(([role, slug]) => [slug, role]));
      return fields.map((f) => ({
        slug: f.slug ?? f.id,
        name: f.displayName,
        type: f.type,
        isRequired: f.isRequired,
        ...(roleOf.has(f.slug ?? f.id) ? { suggestedRole: roleOf.get(f.slug ?? f.id) } : {}),
      }));
    },
    async checkFieldMap({ credentials, collectionId, fieldMap }) {
      return webflowSetup(credentials, endpoints).checkFieldMap(collectionId, fieldMap as FieldMap);
    },
  };
}
