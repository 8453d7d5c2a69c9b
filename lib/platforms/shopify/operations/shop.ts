/** The shop itself: the doctor's check, blogs, counts, tags, files and webhook subscriptions. */

export const SHOP_DOCTOR = /* GraphQL */ `
  query ShopDoctor {
    shop {
      name
      myshopifyDomain
    }
    currentAppInstallation {
      accessScopes {
        handle
      }
    }
  }
`;

export const LIST_BLOGS = /* GraphQL */ `
  query ListBlogs($first: Int!) {
    blogs(first: $first) {
      nodes {
        id
        title
        handle
        articlesCount {
          count
        }
      }
    }
  }
`;

export const CREATE_BLOG = /* GraphQL */ `
  mutation CreateBlog($blog: BlogCreateInput!) {
    blogCreate(blog: $blog) {
      blog {
        id
        title
        handle
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const COUNT_ITEMS = /* GraphQL */ `
  query CountItems($productQuery: String) {
    pagesCount {
      count
    }
    productsCount(query: $productQuery) {
      count
    }
  }
`;

export const ARTICLE_TAGS = /* GraphQL */ `
  query ArticleTags($limit: Int!) {
    articleTags(limit: $limit)
  }
`;

export const STAGED_UPLOADS_CREATE = /* GraphQL */ `
  mutation StagedUploadsCreate($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets {
        url
        resourceUrl
        parameters {
          name
          value
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const FILE_CREATE = /* GraphQL */ `
  mutation FileCreate($files: [FileCreateInput!]!) {
    fileCreate(files: $files) {
      files {
        id
        fileStatus
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const FILE_STATUS = /* GraphQL */ `
  query FileStatus($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on MediaImage {
        id
        fileStatus
        fileErrors {
          message
        }
        image {
          url
        }
      }
    }
  }
`;

export const WEBHOOK_SUBSCRIPTIONS = /* GraphQL */ `
  query WebhookSubscriptions($first: Int!, $topics: [WebhookSubscriptionTopic!]) {
    webhookSubscriptions(first: $first, topics: $topics) {
      nodes {
        id
        topic
        uri
      }
    }
  }
`;

export const WEBHOOK_SUBSCRIPTION_CREATE = /* GraphQL */ `
  mutation WebhookSubscriptionCreate(
    $topic: WebhookSubscriptionTopic!
    $webhookSubscription: WebhookSubscriptionInput!
  ) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
      webhookSubscription {
        id
        topic
        uri
      }
      userErrors {
        field
        message
      }
    }
  }
`;
