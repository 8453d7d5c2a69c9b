import "server-only";
import type { OperationSpec } from "../operation";
import * as ai from "./ai";
import * as aiSettings from "./ai-settings";
import * as apiKeys from "./api-keys";
import * as conflicts from "./conflicts";
import * as content from "./content";
import * as destinations from "./destinations";
import * as integrations from "./integrations";
import * as sites from "./sites";
import * as setup from "./setup";
import * as structure from "./structure";
import * as sync from "./sync";
import * as system from "./system";
import * as webhooks from "./webhooks";

/** Every operation of the API, by operationId: route files take theirs from here. */
export const operations = {
  ...sites,
  ...content,
  ...integrations,
  ...structure,
  ...setup,
  ...destinations,
  ...sync,
  ...conflicts,
  ...webhooks,
  ...ai,
  ...aiSettings,
  ...apiKeys,
  ...system,
};

/** The document's tags, in the order a reader meets them. */
export const tags = [
  {
    name: "Sites",
    description: "The sites of the account: each can have a WordPress integration, content and publishing settings.",
  },
  { name: "Content", description: "Items written in IGNY8 and pulled from WordPress; approve them, then publish." },
  {
    name: "Publishing",
    description: "When approved items go out by themselves: days, time slots and daily, weekly and monthly limits.",
  },
  {
    name: "Integrations",
    description:
      "A site's WordPress connection (an Application Password), tested by the connection doctor, and its structure.",
  },
  {
    name: "Sync",
    description: "Pulls from and pushes to WordPress: runs, their events, health and the pull schedule.",
  },
  {
    name: "Conflicts",
    description: "An item changed on both sides since the last sync: compare, and keep one side or a merge.",
  },
  {
    name: "Webhooks",
    description:
      "The IGNY8 Connector plugin tells IGNY8 about every change in WordPress as it happens, signed per Standard Webhooks.",
  },
  { name: "AI", description: "Text and images from the account's providers, priced and recorded." },
  { name: "AI models", description: "The Model Registry: the models IGNY8 may call and their exact prices." },
  { name: "AI settings", description: "Provider keys and default models of the account and the platform." },
  { name: "API keys", description: "Keys for scripts: `Authorization: Bearer <key>`." },
  { name: "System", description: "Health and this document." },
];

export const allOperations: OperationSpec[] = Object.values(operations);
