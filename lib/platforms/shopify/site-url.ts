import "server-only";
import { PlatformError } from "@/lib/platforms/types";
import { FIX } from "./errors";

/**
 * A store's address in the one form stored: `https://<shop>.myshopify.com` (a bare shop name or a
 * myshopify.com host is completed; paths are dropped). Other hosts are kept as typed (custom
 * domains are refused by the doctor as not_shopify, local test shops are reached by their address).
 */
export function normaliseSiteUrl(input: string): string {
  let text = input.trim();
  if (/^[a-z0-9][a-z0-9-]*$/i.test(text)) text = `${text}.myshopify.com`;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PlatformError("invalid_url", `Not a store address: ${input}`, { fix: FIX.notShopify });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new PlatformError("invalid_url", `Only https store addresses work, not ${url.protocol}`, {
      fix: FIX.notShopify,
    });
  if (url.username || url.password)
    throw new PlatformError("invalid_url", "A store address has no user name or password.", { fix: FIX.notShopify });
  if (url.hostname.endsWith(".myshopify.com")) url.protocol = "https:";
  return url.origin.toLowerCase();
}
