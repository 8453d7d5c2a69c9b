import type { ConnectionTestDto } from "@/lib/schemas/integration-checks";
import { connectionProblems, troubleshootingAnchor } from "@/lib/schemas/connection-problems";
import { ownValue } from "@/lib/schemas/json-input";
import { platformProblems } from "@/lib/platforms/connect-forms";
import { Alert } from "@/components/ui/alert";

/** A doctor code's troubleshooting row: WordPress's table, then the other platforms' codes. */
export function problemOf(code: string) {
  return ownValue(connectionProblems, code) ?? ownValue(platformProblems, code);
}
export const problemAnchor = (code: string) =>
  ownValue(platformProblems, code) && !ownValue(connectionProblems, code)
    ? `troubleshooting-${code}`
    : troubleshootingAnchor(code);

/** Notes come as "code: explanation"; show the explanation. */
const noteText = (note: string) => note.replace(/^[a-z_]+:\s*/, "");

/** What the connection doctor found: connected (who, what WordPress, notes) or what is wrong and the fix. */
export function ConnectionResult({ result }: { result: ConnectionTestDto }) {
  const { wordpress } = result;
  if (result.connected) {
    return (
      <Alert tone="success" title="Connection works">
        <p>{result.message}</p>
        {wordpress.version && <p className="mt-1">WordPress {wordpress.version}</p>}
        {result.notes.length > 0 && (
          <ul className="mt-2 list-disc pl-5">
            {result.notes.map((note) => (
              <li key={note}>{noteText(note)}</li>
            ))}
          </ul>
        )}
      </Alert>
    );
  }
  return <ConnectionError code={result.code} message={result.message} fix={result.fix} />;
}

export function ConnectionError({
  code,
  message,
  fix,
  action,
}: {
  code?: string;
  message: string;
  fix?: string;
  action?: React.ReactNode;
}) {
  const known = code ? problemOf(code) : undefined;
  return (
    <Alert tone="error" title={known?.issue ?? "Connection failed"}>
      <p>{message}</p>
      {(fix ?? known?.fix) && (
        <p className="mt-1">
          <span className="font-semibold">Fix: </span>
          {fix ?? known?.fix}
        </p>
      )}
      {code && (
        <p className="mt-1">
          <a href={`#${problemAnchor(code)}`} className="font-medium underline">
            Troubleshooting: {code}
          </a>
        </p>
      )}
      {action && <div className="mt-2">{action}</div>}
    </Alert>
  );
}
