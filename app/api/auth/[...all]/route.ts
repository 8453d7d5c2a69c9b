import { getDb } from "@/db/client";
import { getAuth } from "@/lib/server/auth";
import { limitSignIn } from "@/lib/server/services/sign-in-limit";
import { errorResponse, ApiError } from "@/lib/server/api/errors";
import { logError } from "@/lib/server/log";

async function handle(req: Request) {
  try {
    if (req.method === "POST" && new URL(req.url).pathname.endsWith("/sign-in/email")) {
      const limited = await limitSignIn(await getDb(), req);
      if (limited) return limited;
    }
    return await (await getAuth()).handler(req);
  } catch (error) {
    logError("auth handler failed", error);
    return errorResponse(new ApiError("internal_error", "Something went wrong on our side. It has been logged."));
  }
}

// GET, POST /api/auth/* - better-auth (sign-up/email, sign-in/email, sign-out, get-session)
export const GET = handle;
export const POST = handle;
