/**
 * Where on a site content goes, for platforms where a connection picks one of several places the
 * user can also create (a Shopify store's blogs). The choice is stored in the integration's
 * settings (`config_json`); the settings screen lists, creates and saves it.
 */
import type { ConnectParams } from "./types";

/** One place content can go (a Shopify blog). */
export type RemoteDestination = {
  id: string;
  title: string;
  /** Its address segment on the site (a blog's handle: /blogs/<handle>). */
  handle: string;
  /** Items it holds now. */
  itemCount: number;
  /** Where new items go with the settings given: the chosen one, else the platform's default. */
  isCurrent: boolean;
};

/** A problem of an integration's settings, at a path inside `config_json` ("blog_id"). */
export type ConfigProblem = { field: string; problem: string; fix?: string };

/** The chosen destination's id is a key of `config_json` (Shopify: `blog_id`). */
export interface PlatformDestinations {
  /** Every destination of the site, oldest first; `isCurrent` from `params.config`. */
  list(params: ConnectParams): Promise<RemoteDestination[]>;
  /** Creates one; a taken handle is a `conflict` with the fix. */
  create(params: ConnectParams, input: { title: string; handle?: string }): Promise<RemoteDestination>;
  /**
   * Problems of `params.config` as the integration's new settings (shape, and a chosen destination
   * the site does not have); empty when they fit. The site is asked only when the choice differs
   * from `previous`'s.
   */
  checkConfig(params: ConnectParams & { previous?: Record<string, unknown> }): Promise<ConfigProblem[]>;
}
