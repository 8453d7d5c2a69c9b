import { objectId, type Field, type Store } from "./store";

const ALL_SCOPES = ["sites:read", "sites:write", "cms:read", "cms:write", "assets:read", "assets:write"];

const field = (slug: string, displayName: string, type: string, extra: Partial<Field> = {}): Field => ({
  id: objectId(),
  slug,
  displayName,
  type,
  isRequired: false,
  isEditable: true,
  validations: null,
  ...extra,
});

/** Fields every collection has. */
const builtIns = () => [
  field("name", "Name", "PlainText", { isRequired: true }),
  field("slug", "Slug", "PlainText", { isRequired: true }),
];

/**
 * The fixture: a site on a CMS plan with a Blog Posts collection (body, summary, image, SEO
 * fields, categories and tags as references, publish date) and its Categories and Tags
 * collections; a second site on the free plan; tokens with every scope, read-only, and none.
 */
export function seed(store: Store) {
  const siteId = objectId();
  store.sites.set(siteId, { id: siteId, displayName: "IGNY8 Test Blog", shortName: "igny8-test-blog", plan: "cms" });
  const freeSiteId = objectId();
  store.sites.set(freeSiteId, { id: freeSiteId, displayName: "Free Site", shortName: "free-site", plan: "free" });
  const categories = store.addCollection(siteId, {
    displayName: "Categories",
    singularName: "Category",
    slug: "categories",
    fields: builtIns(),
  });
  const tags = store.addCollection(siteId, {
    displayName: "Tags",
    singularName: "Tag",
    slug: "tags",
    fields: builtIns(),
  });
  const blog = store.addCollection(siteId, {
    displayName: "Blog Posts",
    singularName: "Blog Post",
    slug: "blog",
    fields: [
      ...builtIns(),
      field("post-body", "Post Body", "RichText"),
      field("post-summary", "Post Summary", "PlainText"),
      field("main-image", "Main Image", "Image"),
      field("seo-title", "SEO Title", "PlainText"),
      field("meta-description", "Meta Description", "PlainText"),
      field("categories", "Categories", "MultiReference", { validations: { collectionId: categories.id } }),
      field("tags", "Tags", "MultiReference", { validations: { collectionId: tags.id } }),
      field("publish-date", "Publish Date", "DateTime"),
      field("featured", "Featured", "Switch"),
    ],
  });
  const freeBlog = store.addCollection(freeSiteId, {
    displayName: "Posts",
    singularName: "Post",
    slug: "posts",
    fields: [...builtIns(), field("content", "Content", "RichText")],
  });
  const tokens = {
    full: "site-token-full-5f1c9a7d2e",
    readOnly: "site-token-read-only-7b3e0c4a",
    free: "site-token-free-plan-9d2f6a1b",
  };
  store.tokens.set(tokens.full, { scopes: ALL_SCOPES, siteIds: [siteId], isOAuthApp: false });
  store.tokens.set(tokens.readOnly, { scopes: ["sites:read", "cms:read"], siteIds: [siteId], isOAuthApp: false });
  store.tokens.set(tokens.free, { scopes: ALL_SCOPES, siteIds: [freeSiteId], isOAuthApp: false });
  return {
    siteId,
    freeSiteId,
    blogId: blog.id,
    freeBlogId: freeBlog.id,
    categoriesId: categories.id,
    tagsId: tags.id,
    tokens,
  };
}

/** The field map the Blog Posts fixture takes. */
export const BLOG_FIELD_MAP = {
  body: "post-body",
  summary: "post-summary",
  image: "main-image",
  seo_title: "seo-title",
  seo_description: "meta-description",
  categories: "categories",
  tags: "tags",
  publish_date: "publish-date",
};
