import { handler } from "@/lib/server/api/handler";
import { operations } from "@/lib/server/api/operations";
import { startOneClick } from "@/lib/server/services/one-click";

// POST /api/v1/integration/authorize/ - start one-click connect: the WordPress "Authorize Application" URL to open
export const POST = handler(operations.startOneClickConnect, async ({ db, auth, body }) => {
  return startOneClick(db, auth, body);
});
