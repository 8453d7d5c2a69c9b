import "server-only";
import { aiSettingsSchema } from "@/lib/schemas/ai";
import { aiModelSchema, priceHistorySchema } from "@/lib/schemas/ai-models";
import { imageGenerationSchema } from "@/lib/schemas/ai-generation";
import { apiKeySchema } from "@/lib/schemas/api-keys";
import { conflictDetailSchema, conflictSummarySchema } from "@/lib/schemas/conflicts";
import { contentSchema } from "@/lib/schemas/content";
import { integrationSchema } from "@/lib/schemas/integrations";
import { connectionTestSchema } from "@/lib/schemas/integration-checks";
import { publishingSettingsSchema } from "@/lib/schemas/publishing";
import { siteSchema } from "@/lib/schemas/sites";
import { syncEventSchema, syncRunSchema } from "@/lib/schemas/sync";
import { pluginStateSchema } from "@/lib/schemas/webhooks";

/**
 * Response schemas shown under their own names (a generated client gets a `Site` type): wherever
 * one of these schemas appears in an answer, the document refers to the component instead.
 */
export const namedSchemas = {
  Site: siteSchema,
  Content: contentSchema,
  PublishingSettings: publishingSettingsSchema,
  Integration: integrationSchema,
  ConnectionTest: connectionTestSchema,
  SyncRun: syncRunSchema,
  SyncEvent: syncEventSchema,
  ConflictSummary: conflictSummarySchema,
  ConflictDetail: conflictDetailSchema,
  PluginState: pluginStateSchema,
  AiModel: aiModelSchema,
  PriceHistory: priceHistorySchema,
  ImageGeneration: imageGenerationSchema,
  AiSettings: aiSettingsSchema,
  ApiKey: apiKeySchema,
};
