"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client";
import type { PlannedPublicationDto, PublishingSettingsDto } from "@/lib/schemas/publishing";
import { Card } from "@/components/ui/card";
import { PublishingSettingsForm } from "./publishing-settings-form";
import { SchedulePreview } from "./schedule-preview";

export const PREVIEW_DAYS = 14;
const scheduleKey = (siteId: string) => ["publishing-schedule", siteId, PREVIEW_DAYS];

/** The settings form and the preview of the next publications, which follows every save. */
export function PublishingPanel({
  siteId,
  initialSettings,
  initialSchedule,
  timeZones,
  isEditable,
}: {
  siteId: string;
  initialSettings: PublishingSettingsDto;
  initialSchedule: PlannedPublicationDto[];
  timeZones: string[];
  isEditable: boolean;
}) {
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ["publishing-settings", siteId],
    queryFn: () => apiFetch<PublishingSettingsDto>(`/api/v1/sites/${siteId}/publishing_settings/`),
    initialData: initialSettings,
  });
  const schedule = useQuery({
    queryKey: scheduleKey(siteId),
    queryFn: () =>
      apiFetch<PlannedPublicationDto[]>(`/api/v1/sites/${siteId}/publishing_schedule/?days=${PREVIEW_DAYS}`),
    initialData: initialSchedule,
    refetchInterval: 60_000,
  });

  return (
    <div className="grid items-start gap-6 lg:grid-cols-5">
      <Card className="lg:col-span-3">
        <h2 className="mb-4 text-base font-semibold">Settings</h2>
        <PublishingSettingsForm
          siteId={siteId}
          initial={settings.data}
          timeZones={timeZones}
          isEditable={isEditable}
          onSaved={(saved) => {
            queryClient.setQueryData(["publishing-settings", siteId], saved);
            void queryClient.invalidateQueries({ queryKey: scheduleKey(siteId) });
          }}
        />
      </Card>
      <Card className="lg:col-span-2">
        <SchedulePreview
          siteId={siteId}
          settings={settings.data}
          items={schedule.data}
          isRefreshing={schedule.isFetching}
          error={schedule.error}
          days={PREVIEW_DAYS}
        />
      </Card>
    </div>
  );
}
