-- Anthropic text models; cached_input_usd_per_token is the cache-read rate.
INSERT INTO "ai_model_configs" ("model_id", "provider", "type", "display_name", "provider_model_id", "context_window", "max_output_tokens", "input_usd_per_token", "output_usd_per_token", "cached_input_usd_per_token", "source", "effective_at") VALUES
  ('claude-3-5-sonnet', 'anthropic', 'text', 'Claude 3.5 Sonnet', 'claude-3-5-sonnet-20241022', 200000, 8192, '0.000003', '0.000015', '0.0000003',
   'https://www.anthropic.com/pricing#api ($3 / $15 per 1M tokens, cache read $0.30)', '2024-10-22T00:00:00Z'),
  ('claude-3-opus', 'anthropic', 'text', 'Claude 3 Opus', 'claude-3-opus-20240229', 200000, 4096, '0.000015', '0.000075', '0.0000015',
   'https://www.anthropic.com/pricing#api ($15 / $75 per 1M tokens, cache read $1.50)', '2024-03-04T00:00:00Z'),
  ('claude-3-haiku', 'anthropic', 'text', 'Claude 3 Haiku', 'claude-3-haiku-20240307', 200000, 4096, '0.00000025', '0.00000125', '0.00000003',
   'https://www.anthropic.com/pricing#api ($0.25 / $1.25 per 1M tokens, cache read $0.03)', '2024-03-13T00:00:00Z');
