import { expect } from "@playwright/test";
import { shopifyServerPort } from "./env";

/** The Shopify test shop's side doors, for the app on `baseURL`. */
export function shopifyTestShop(baseURL: string) {
  const origin = `http://127.0.0.1:${shopifyServerPort(baseURL)}`;
  const post = async <T>(path: string, body: unknown = {}): Promise<T> => {
    const res = await fetch(`${origin}${path}`, { method: "POST", body: JSON.stringify(body) });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  };
  return {
    /** A fresh Admin API access token with every scope. */
    token: async () => (await post<{ token: string }>("/__token")).token,
    /** The merchant retitles an article in the Shopify admin (its GID or numeric id). */
    merchantEdit: (id: string, title: string) => post("/__merchant-edit", { id: id.split("/").pop(), title }),
    /** The app's cost bucket from now on (Shopify's default is 2000 points, 100 a second). */
    setBucket: (maximumAvailable: number, restoreRate: number) => post("/__bucket", { maximumAvailable, restoreRate }),
  };
}
