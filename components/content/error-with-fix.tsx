import { ApiClientError } from "@/lib/api-client";
import { Alert } from "@/components/ui/alert";

/** A failed request's message, and the API's suggested fix when it has one. */
export function ErrorWithFix({ error, title }: { error: Error; title: string }) {
  const fix = error instanceof ApiClientError ? error.fix : undefined;
  return (
    <Alert tone="error" title={title}>
      <p>{error.message}</p>
      {fix && <p className="mt-1">Fix: {fix}</p>}
    </Alert>
  );
}
