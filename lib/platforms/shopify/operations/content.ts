/** Listing, reading and writing articles, pages and products. */
import { ARTICLE_FIELDS, PAGE_FIELDS, PRODUCT_FIELDS } from "./fragments";

const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

export const LIST_ARTICLES = /* GraphQL */ `
  query ListArticles($first: Int!, $after: String, $query: String, $sortKey: ArticleSortKeys, $reverse: Boolean) {
    articles(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
      nodes { ...ArticleFields }
      ${PAGE_INFO}
    }
  }
  ${ARTICLE_FIELDS}
`;

export const LIST_PAGES = /* GraphQL */ `
  query ListPages($first: Int!, $after: String, $query: String, $sortKey: PageSortKeys, $reverse: Boolean) {
    pages(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
      nodes { ...PageFields }
      ${PAGE_INFO}
    }
  }
  ${PAGE_FIELDS}
`;

export const LIST_PRODUCTS = /* GraphQL */ `
  query ListProducts($first: Int!, $after: String, $query: String, $sortKey: ProductSortKeys, $reverse: Boolean) {
    products(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
      nodes { ...ProductFields }
      ${PAGE_INFO}
    }
  }
  ${PRODUCT_FIELDS}
`;

/** Every id of a type, 250 a page: the cheap listing (1 point a node) an incremental pull reconciles deletions with. */
export const LIST_ARTICLE_IDS = /* GraphQL */ `
  query ListArticleIds($first: Int!, $after: String, $query: String) {
    articles(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes { id }
      ${PAGE_INFO}
    }
  }
`;

export const LIST_PAGE_IDS = /* GraphQL */ `
  query ListPageIds($first: Int!, $after: String, $query: String) {
    pages(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes { id }
      ${PAGE_INFO}
    }
  }
`;

export const LIST_PRODUCT_IDS = /* GraphQL */ `
  query ListProductIds($first: Int!, $after: String, $query: String) {
    products(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes { id }
      ${PAGE_INFO}
    }
  }
`;

/**
 * The newest changes first, ids and times only (a point a node): where a change feed starts. A
 * node's version is its updatedAt (an article's, nullable, falls back to createdAt).
 */
export const ARTICLE_VERSIONS = /* GraphQL */ `
  query ArticleVersions($first: Int!, $after: String, $query: String) {
    articles(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {
      nodes { id updatedAt createdAt }
      ${PAGE_INFO}
    }
  }
`;

export const PAGE_VERSIONS = /* GraphQL */ `
  query PageVersions($first: Int!, $after: String, $query: String) {
    pages(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {
      nodes { id updatedAt }
      ${PAGE_INFO}
    }
  }
`;

export const PRODUCT_VERSIONS = /* GraphQL */ `
  query ProductVersions($first: Int!, $after: String, $query: String) {
    products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {
      nodes { id updatedAt }
      ${PAGE_INFO}
    }
  }
`;

/**
 * Items by id (also the re-read right before an update); ids Shopify no longer has come back null.
 * One query per type: Article.updatedAt is nullable where Page's and Product's are not, so they cannot share a selection.
 */
export const GET_ARTICLES = /* GraphQL */ `
  query GetArticles($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Article {
        ...ArticleFields
      }
    }
  }
  ${ARTICLE_FIELDS}
`;

export const GET_PAGES = /* GraphQL */ `
  query GetPages($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Page {
        ...PageFields
      }
    }
  }
  ${PAGE_FIELDS}
`;

export const GET_PRODUCTS = /* GraphQL */ `
  query GetProducts($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Product {
        ...ProductFields
      }
    }
  }
  ${PRODUCT_FIELDS}
`;

export const CREATE_ARTICLE = /* GraphQL */ `
  mutation CreateArticle($article: ArticleCreateInput!) {
    articleCreate(article: $article) {
      article {
        ...ArticleFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
  ${ARTICLE_FIELDS}
`;

export const UPDATE_ARTICLE = /* GraphQL */ `
  mutation UpdateArticle($id: ID!, $article: ArticleUpdateInput!) {
    articleUpdate(id: $id, article: $article) {
      article {
        ...ArticleFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
  ${ARTICLE_FIELDS}
`;

export const CREATE_PAGE = /* GraphQL */ `
  mutation CreatePage($page: PageCreateInput!) {
    pageCreate(page: $page) {
      page {
        ...PageFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
  ${PAGE_FIELDS}
`;

export const UPDATE_PAGE = /* GraphQL */ `
  mutation UpdatePage($id: ID!, $page: PageUpdateInput!) {
    pageUpdate(id: $id, page: $page) {
      page {
        ...PageFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
  ${PAGE_FIELDS}
`;

/** Description and SEO only: IGNY8 never changes a product's title, price or inventory. */
export const UPDATE_PRODUCT_DESCRIPTION = /* GraphQL */ `
  mutation UpdateProductDescription($product: ProductUpdateInput!) {
    productUpdate(product: $product) {
      product {
        ...ProductFields
      }
      userErrors {
        field
        message
      }
    }
  }
  ${PRODUCT_FIELDS}
`;

/** Clears SEO metafields (a metafield value cannot be blank). */
export const DELETE_METAFIELDS = /* GraphQL */ `
  mutation DeleteMetafields($metafields: [MetafieldIdentifierInput!]!) {
    metafieldsDelete(metafields: $metafields) {
      deletedMetafields {
        ownerId
        namespace
        key
      }
      userErrors {
        field
        message
      }
    }
  }
`;
