-- Base models: OpenAI text and DALL-E 3, Runware images. Rates are USD per token (list price per 1M / 1,000,000).
INSERT INTO "ai_model_configs" ("model_id", "provider", "type", "display_name", "provider_model_id", "context_window", "max_output_tokens", "input_usd_per_token", "output_usd_per_token", "cached_input_usd_per_token", "image_prices", "source", "effective_at") VALUES
  ('gpt-4o', 'openai', 'text', 'GPT-4o', 'gpt-4o', 128000, 16384, '0.0000025', '0.00001', '0.00000125', NULL,
   'https://openai.com/api/pricing/ ($2.50 / $10.00 per 1M tokens, cached input $1.25)', '2024-10-02T00:00:00Z'),
  ('gpt-4o-mini', 'openai', 'text', 'GPT-4o mini', 'gpt-4o-mini', 128000, 16384, '0.00000015', '0.0000006', '0.000000075', NULL,
   'https://openai.com/api/pricing/ ($0.15 / $0.60 per 1M tokens, cached input $0.075)', '2024-10-01T00:00:00Z'),
  ('dall-e-3', 'openai', 'image', 'DALL-E 3', 'dall-e-3', NULL, NULL, NULL, NULL, NULL,
   '{"1024x1024": {"standard": "0.040", "hd": "0.080"}, "1024x1792": {"standard": "0.080", "hd": "0.120"}, "1792x1024": {"standard": "0.080", "hd": "0.120"}}'::jsonb,
   'https://openai.com/api/pricing/ (per image by size and quality)', '2023-11-06T00:00:00Z'),
  ('runware-v2', 'runware', 'image', 'Runware FLUX.1 [schnell]', 'runware:100@1', NULL, NULL, NULL, NULL, NULL,
   '{"*": {"*": "0.0006"}}'::jsonb,
   'https://runware.ai/pricing (best known figure for FLUX.1 [schnell] at 1024x1024, not verified against the live page; Runware reports the charged cost of each task)', '2025-01-01T00:00:00Z');
--> statement-breakpoint
INSERT INTO "global_integration_settings" ("id", "default_text_model", "default_image_model", "default_image_provider")
VALUES (1, 'gpt-4o-mini', 'dall-e-3', 'openai')
ON CONFLICT ("id") DO NOTHING;
