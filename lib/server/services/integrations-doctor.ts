import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/integrations";
import type { ConnectionReport, PlatformId } from "@/lib/platforms/types";
import type { ConnectionFields } from "@/lib/schemas/integrations";
import type { ConnectionTestDto } from "@/lib/schemas/integration-checks";
import { ApiError } from "../api/errors";
import {
  diagnose,
  getIntegrationOr404,
  openConnection,
  platformOf,
  toConnectionTestDto,
  type PlatformConnection,
} from "./integrations";

/** The connection doctor on a stored integration or on a form's draft. */

export const draftConnection = (fields: ConnectionFields): PlatformConnection => ({
  siteUrl: fields.external_site_url,
  credentials: { username: fields.username, application_password: fields.application_password },
});

/** Re-tests a stored integration and records the verdict (connection_status, error code). */
export async function testIntegrationConnection(db: Db, accountId: string, id: string): Promise<ConnectionTestDto> {
  const row = await getIntegrationOr404(db, accountId, id);
  let report: ConnectionReport;
  try {
    report = await diagnose(platformOf(row.integration), await openConnection(db, row));
  } catch (error) {
    // An unreadable password is no verdict on the site (nothing was asked): its error, already recorded.
    if (!(error instanceof ApiError) || error.code === "credentials_unreadable") throw error;
    report = {
      connected: false,
      code: "auth_failed",
      message: error.message,
      fix: error.fix,
      notes: [],
      site: { restUrl: "" },
    };
  }
  await q.updateIntegration(
    db,
    { accountId, id },
    {
      connectionStatus: report.connected ? "connected" : "error",
      connectionErrorCode: report.connected ? null : (report.code ?? "auth_failed"),
      connectionCheckedAt: new Date(),
    },
  );
  return toConnectionTestDto(report);
}

/** The doctor on URL + credentials before anything is saved (the form's inline check). */
export async function testDraftConnection(
  fields: ConnectionFields,
  platform: PlatformId = "wordpress",
): Promise<ConnectionTestDto> {
  return toConnectionTestDto(await diagnose(platform, draftConnection(fields)));
}
