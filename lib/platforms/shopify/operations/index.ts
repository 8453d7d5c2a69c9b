/** Every operation the adapter sends, by name (validated against the vendored schema in operations.test.ts). */
export * from "./content";
export * from "./shop";
