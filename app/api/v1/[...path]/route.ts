import { ApiError, errorResponse } from "@/lib/server/api/errors";

// ANY /api/v1/<no such path> - the error envelope (not_found) instead of the HTML 404 page. Every
// real route is more specific, so Next.js only comes here when none matches.
const noSuchEndpoint = async () =>
  errorResponse(new ApiError("not_found", "No such endpoint: GET /api/v1/openapi.json lists them."));

export const GET = noSuchEndpoint;
export const POST = noSuchEndpoint;
export const PUT = noSuchEndpoint;
export const PATCH = noSuchEndpoint;
export const DELETE = noSuchEndpoint;
