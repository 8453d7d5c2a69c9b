"use client";

import type { SiteDto } from "@/lib/schemas/sites";
import { connectPlatforms } from "@/lib/platforms/connect-forms";
import type { PlatformId } from "@/lib/platforms/types";
import { Field } from "@/components/ui/field";

export const NEW_SITE = "new";

/** The site an integration is added to: one of the account's free sites, or a new one named here. */
export function SitePicker({
  sites,
  siteId,
  siteName,
  error,
  onSite,
  onSiteName,
}: {
  sites: SiteDto[];
  siteId: string;
  siteName: string;
  error?: string;
  onSite: (siteId: string, site?: SiteDto) => void;
  onSiteName: (name: string) => void;
}) {
  return (
    <>
      <div className="flex flex-col gap-1">
        <label htmlFor="integration-site" className="text-sm font-medium text-slate-800">
          Site
        </label>
        <select
          id="integration-site"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
          value={siteId}
          onChange={(e) =>
            onSite(
              e.target.value,
              sites.find((s) => s.id === e.target.value),
            )
          }
        >
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
          <option value={NEW_SITE}>New site…</option>
        </select>
      </div>
      {siteId === NEW_SITE && (
        <Field
          id="integration-site-name"
          label="Site name"
          placeholder="My blog"
          value={siteName}
          error={error}
          onChange={(e) => onSiteName(e.target.value)}
        />
      )}
    </>
  );
}

/** The platform to connect: one radio per registered platform, arrow keys move between them. */
export function PlatformPicker({ value, onChange }: { value: PlatformId; onChange: (id: PlatformId) => void }) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-800">Platform</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-2">
        {connectPlatforms.map((p) => (
          <label
            key={p.id}
            className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-100 ${
              value === p.id ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-800"
            }`}
          >
            <input
              type="radio"
              name="integration-platform"
              value={p.id}
              checked={value === p.id}
              onChange={() => onChange(p.id)}
              className="accent-brand-600"
            />
            {p.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
