import Link from "next/link";
import { Alert } from "@/components/ui/alert";

/** The site's stored Application Password or webhook signing secret cannot be decrypted: which, and the fix. */
export function CredentialsAlert({
  integrationId,
  platform,
  problems,
}: {
  integrationId: string;
  platform: string;
  problems: { secret: string; message: string; fix?: string }[];
}) {
  if (problems.length === 0) {
    return (
      <Alert tone="warning" title="The stored credentials can be decrypted again">
        Test the connection under{" "}
        <Link className="underline" href={`/settings/integration#integration-${integrationId}`}>
          Integrations
        </Link>{" "}
        to clear the error.
      </Alert>
    );
  }
  return (
    <Alert tone="error" title="IGNY8 cannot decrypt this site's stored credentials">
      {problems.map((p) => (
        <div key={p.secret} className="mt-2 first:mt-0">
          <p>
            {p.message}{" "}
            {p.secret === "application_password"
              ? "Syncs and publishing to this site fail until it is repaired."
              : `Live updates from ${platform} wait until it is repaired (the plugin retries them for a day).`}
          </p>
          {p.fix && (
            <p className="mt-1">
              <span className="font-semibold">Fix: </span>
              {p.fix}
            </p>
          )}
          {p.secret === "application_password" && (
            <p className="mt-1">
              <Link className="font-medium underline" href={`/settings/integration#integration-${integrationId}`}>
                Re-enter the Application Password under Integrations
              </Link>
            </p>
          )}
        </div>
      ))}
    </Alert>
  );
}
