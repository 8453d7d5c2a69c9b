-- Bria AI image models (v1 text-to-image: provider_model_id is "{pipeline}/{model_version}").
INSERT INTO "ai_model_configs" ("model_id", "provider", "type", "display_name", "provider_model_id", "image_prices", "source", "effective_at") VALUES
  ('bria-2.3', 'bria', 'image', 'Bria 2.3', 'base/2.3', '{"*": {"*": "0.040"}}'::jsonb,
   'https://bria.ai/pricing (best known pay-as-you-go figure per generated image, not verified against the live page)', '2025-01-01T00:00:00Z'),
  ('bria-2.3-fast', 'bria', 'image', 'Bria 2.3 Fast', 'fast/2.3', '{"*": {"*": "0.020"}}'::jsonb,
   'https://bria.ai/pricing (best known pay-as-you-go figure per generated image, not verified against the live page)', '2025-01-01T00:00:00Z'),
  ('bria-2.2', 'bria', 'image', 'Bria 2.2', 'base/2.2', '{"*": {"*": "0.040"}}'::jsonb,
   'https://bria.ai/pricing (best known pay-as-you-go figure per generated image, not verified against the live page)', '2025-01-01T00:00:00Z');
