"use client";

import { useState } from "react";
import type { PlatformId } from "@/lib/platforms/types";
import type { SiteDto } from "@/lib/schemas/sites";
import { PlatformConnectForm } from "./platform-connect-form";
import { PlatformPicker } from "./site-picker";
import { WordPressConnectForm } from "./wordpress-connect-form";

/**
 * "Add integration": the platform first, then that platform's own form. WordPress keeps its form
 * (one-click connect, Application Password, test before saving); the others ask for their credentials.
 * `sites`: sites with no integration yet (WordPress's choice); `allSites`: any site can add another platform.
 */
export function AddIntegrationForm({
  sites,
  allSites = sites,
  oneClickNotes = [],
  oneClickUnavailable = {},
}: {
  sites: SiteDto[];
  allSites?: SiteDto[];
  oneClickNotes?: string[];
  /** Per platform, why this server cannot connect it in one click (its OAuth app is not configured). */
  oneClickUnavailable?: Partial<Record<PlatformId, string>>;
}) {
  const [platform, setPlatform] = useState<PlatformId>("wordpress");
  const picker = <PlatformPicker value={platform} onChange={setPlatform} />;
  if (platform === "wordpress")
    return <WordPressConnectForm sites={sites} oneClickNotes={oneClickNotes} picker={picker} />;
  // Keyed: each platform starts from a clean form.
  return (
    <PlatformConnectForm
      key={platform}
      platform={platform}
      sites={allSites}
      picker={picker}
      oneClickUnavailable={oneClickUnavailable[platform]}
    />
  );
}
