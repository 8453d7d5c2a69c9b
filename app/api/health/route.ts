import { checkHealth } from "@/lib/server/services/health";

export const dynamic = "force-dynamic";

// GET /api/health - liveness and database state (no auth)
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
}
