/** The test shop's data: blogs, articles, pages, products, files and metafields, with a clock. */

export type Metafields = Map<string, { type: string; value: string; updatedAt: string }>;

export type BlogRecord = { id: number; title: string; handle: string; createdAt: string; updatedAt: string };

export type ArticleRecord = {
  id: number;
  blogId: number;
  title: string;
  handle: string;
  body: string;
  summary: string | null;
  tags: string[];
  image: { url: string; altText: string | null } | null;
  /** What the merchant (or the API) set; visible only once `publishedAt` has come. */
  isPublished: boolean;
  publishedAt: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  metafields: Metafields;
};

export type PageRecord = Omit<ArticleRecord, "blogId" | "summary" | "tags" | "image" | "author">;

export type ProductRecord = {
  id: number;
  title: string;
  handle: string;
  descriptionHtml: string;
  seo: { title: string | null; description: string | null };
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  tags: string[];
  vendor: string;
  createdAt: string;
  updatedAt: string;
  metafields: Metafields;
};

export type FileRecord = {
  id: number;
  alt: string;
  filename: string;
  mimeType: string;
  url: string;
  createdAtMs: number;
  createdAt: string;
};

export type WebhookRecord = { id: number; topic: string; uri: string; createdAt: string };

/** DateTime as Shopify writes it: UTC, to the second. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** The shop's state. Its clock can be moved forward so tests need not sleep for new `updatedAt` stamps. */
export class ShopState {
  private offsetMs = 0;
  private lastId = 1000;
  readonly blogs = new Map<number, BlogRecord>();
  readonly articles = new Map<number, ArticleRecord>();
  readonly pages = new Map<number, PageRecord>();
  readonly products = new Map<number, ProductRecord>();
  readonly files = new Map<number, FileRecord>();
  readonly uploads = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly webhooks = new Map<number, WebhookRecord>();

  constructor() {
    const now = this.now();
    this.blogs.set(1, { id: 1, title: "News", handle: "news", createdAt: now, updatedAt: now });
  }

  nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  /** The shop's current time as a DateTime. */
  now(): string {
    return isoSeconds(this.nowMs());
  }

  /** Moves the shop's clock forward. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  nextId(): number {
    return ++this.lastId;
  }

  /** Whether a handle is free among one kind of resource (articles: per blog). */
  isHandleFree(kind: "article" | "page" | "product", handle: string, exceptId?: number, blogId?: number): boolean {
    const list: Array<{ id: number; handle: string; blogId?: number }> =
      kind === "article"
        ? [...this.articles.values()].filter((a) => a.blogId === blogId)
        : kind === "page"
          ? [...this.pages.values()]
          : [...this.products.values()];
    return !list.some((r) => r.handle === handle && r.id !== exceptId);
  }

  /** A product as a merchant makes it in the admin (IGNY8 never creates products). */
  seedProduct(fields: Partial<Omit<ProductRecord, "id" | "metafields">> & { title: string }): ProductRecord {
    const now = this.now();
    const product: ProductRecord = {
      id: this.nextId(),
      handle: toHandle(fields.title),
      descriptionHtml: "",
      seo: { title: null, description: null },
      status: "ACTIVE",
      tags: [],
      vendor: "Test vendor",
      createdAt: now,
      updatedAt: now,
      metafields: new Map(),
      ...fields,
    };
    this.products.set(product.id, product);
    return product;
  }
}

/** The handle Shopify derives from a title: lower case, non-alphanumerics to single dashes. */
export function toHandle(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "untitled"
  );
}
