import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { bulkContent } from "@/lib/server/services/content-approval";

// POST /api/v1/content/bulk/ - approve or delete many items: {"action": "approve"|"delete", "ids": [...]}
export const POST = handler(operations.bulkContent, async ({ db, auth, body }) =>
  bulkContent(db, auth.accountId, body),
);
