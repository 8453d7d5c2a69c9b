import { ownValue } from "./json-input";

/** What the result page of one-click connect says about a callback that saved nothing. */
export type OneClickFailureText = { title: string; text: string };

/**
 * Why a one-click connect saved nothing, for codes that are not connection doctor codes, worded
 * for the platform (`name`: "WordPress", "Shopify", "Webflow"); WordPress's approval hands over an
 * Application Password, the others' OAuth a code. Client-safe: the result page and tests read it.
 */
export function oneClickFailure(code: string, name = "WordPress"): OneClickFailureText | undefined {
  const isWordPress = name === "WordPress";
  const minutes = isWordPress ? 15 : 10;
  const texts: Record<string, OneClickFailureText> = {
    rejected: {
      title: "You declined the connection",
      text: isWordPress
        ? "WordPress did not create an Application Password, and nothing was saved. Start again when you are ready."
        : `${name} did not grant IGNY8 access, and nothing was saved. Start again when you are ready.`,
    },
    invalid_state: {
      title: "This connection link is not valid",
      text: "It was already used, altered, or started by another user. Nothing was saved. Start the connection again from this page.",
    },
    expired_state: {
      title: "This connection link has expired",
      text: `Links are valid for ${minutes} minutes. Nothing was saved. Start the connection again.`,
    },
    signed_out: { title: "You are not signed in", text: "Sign in, then start the connection again." },
    forbidden: {
      title: "Only owners and admins can connect sites",
      text: "Nothing was saved. Ask an owner or admin of your account.",
    },
    site_mismatch: {
      title: `${name} answered for a different site`,
      text: "The approval came from another address than the one you entered. Nothing was saved. Check the address and start again.",
    },
    invalid_callback: {
      title: `${name}'s answer was incomplete`,
      text: "Nothing was saved. Start the connection again.",
    },
    invalid_signature: {
      title: `${name}'s answer is not signed by ${name}`,
      text: `Its signature does not match IGNY8's ${name} app: the answer was altered or did not come from ${name}. Nothing was saved. Start the connection again.`,
    },
    invalid_shop: {
      title: `${name}'s answer names no store`,
      text: "The answer did not name a myshopify.com store. Nothing was saved. Start the connection again.",
    },
    oauth_error: {
      title: `${name} refused the request`,
      text: `${name} did not approve IGNY8's request. Nothing was saved. Start the connection again, or connect with a token.`,
    },
    bad_request: {
      title: `${name} refused the approval code`,
      text: "The code was already used or expired before IGNY8 could use it. Nothing was saved. Start the connection again.",
    },
    oauth_not_configured: {
      title: `Connect with ${name} is not set up on this server`,
      text: `IGNY8's ${name} app (its client id and secret) is missing from the server's environment. Nothing was saved. Connect with a token instead, or ask the administrator.`,
    },
    internal_error: {
      title: "Something went wrong on our side",
      text: "It has been logged. Nothing was saved. Please try again.",
    },
  };
  return ownValue(texts, code);
}
