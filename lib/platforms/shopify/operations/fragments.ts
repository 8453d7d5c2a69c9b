/** Fields read for each kind of item; SEO and our own reference live in metafields (articles and pages have no `seo`). */

export const ARTICLE_FIELDS = /* GraphQL */ `
  fragment ArticleFields on Article {
    id
    title
    handle
    body
    summary
    tags
    isPublished
    publishedAt
    createdAt
    updatedAt
    author {
      name
    }
    blog {
      id
      handle
    }
    image {
      url
      altText
    }
    seoTitle: metafield(namespace: "global", key: "title_tag") {
      value
    }
    seoDescription: metafield(namespace: "global", key: "description_tag") {
      value
    }
    igny8Ref: metafield(namespace: "igny8", key: "ref") {
      value
    }
  }
`;

export const PAGE_FIELDS = /* GraphQL */ `
  fragment PageFields on Page {
    id
    title
    handle
    body
    isPublished
    publishedAt
    createdAt
    updatedAt
    seoTitle: metafield(namespace: "global", key: "title_tag") {
      value
    }
    seoDescription: metafield(namespace: "global", key: "description_tag") {
      value
    }
    igny8Ref: metafield(namespace: "igny8", key: "ref") {
      value
    }
  }
`;

export const PRODUCT_FIELDS = /* GraphQL */ `
  fragment ProductFields on Product {
    id
    title
    handle
    descriptionHtml
    status
    tags
    publishedAt
    createdAt
    updatedAt
    onlineStoreUrl
    seo {
      title
      description
    }
  }
`;
