import { connectForms, type ConnectForm } from "@/lib/platforms/connect-forms";
import { ownValue } from "@/lib/schemas/json-input";
import type { IntegrationDto } from "@/lib/schemas/integrations";

/** "admin_api_key" → "Admin API key" (the connect form's label), else the words of the name. */
function labelOf(platform: string, field: string): string {
  const spec: ConnectForm | undefined = ownValue(connectForms, platform);
  const known = spec?.methods.flatMap((m) => m.fields).find((f) => f.name === field);
  if (known) return known.label;
  const words = field.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What the server says about the stored credentials, never their values: WordPress's user and
 * password's last 4; other platforms' stored fields with their last 4 ("Admin API key …1a2b").
 */
export function CredentialFacts({ integration }: { integration: IntegrationDto }) {
  const { credentials, platform } = integration;
  if (platform === "wordpress") {
    return (
      <div>
        <dt className="inline">User: </dt>
        <dd className="inline">
          {credentials.username ?? "none"}
          {credentials.password_last4 && ` (password …${credentials.password_last4})`}
        </dd>
      </div>
    );
  }
  const stored = Object.keys(credentials)
    .filter((k) => k.startsWith("has_") && k !== "has_password" && credentials[k] === true)
    .map((k) => k.slice(4));
  return (
    <div>
      <dt className="inline">Credentials: </dt>
      <dd className="inline">
        {stored.length === 0
          ? "none stored"
          : stored
              .map((field) => {
                const last4 = credentials[`${field}_last4`];
                return `${labelOf(platform, field)}${typeof last4 === "string" ? ` …${last4}` : ""}`;
              })
              .join(", ")}
      </dd>
    </div>
  );
}
