// Every table of the module, for the Drizzle client and better-auth's adapter.
export * from "./schema/auth";
export * from "./schema/accounts";
export * from "./schema/sites";
export * from "./schema/content";
export * from "./schema/integrations";
export * from "./schema/webhooks";
export * from "./schema/refs";
export * from "./schema/publishing";
export * from "./schema/ai";
