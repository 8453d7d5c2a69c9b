"use client";

import Script from "next/script";
import { useRef, useState } from "react";

type SwaggerUIBundle = (options: Record<string, unknown>) => unknown;

/**
 * Swagger UI (swagger-ui-dist, served by /docs/api/assets) renders the document into a node React
 * leaves alone. Requests stay on this origin with the session cookie; an API key pasted under
 * Authorize is kept in the browser between visits.
 */
export function ApiReference({ documentUrl }: { documentUrl: string }) {
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  function render() {
    const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUIBundle }).SwaggerUIBundle;
    if (!bundle || !container.current) return setFailed(true);
    bundle({
      url: documentUrl,
      domNode: container.current,
      // Deep links put an <a> inside each operation's toggle button (a nested control: axe nested-interactive).
      deepLinking: false,
      docExpansion: "list",
      defaultModelsExpandDepth: -1,
      displayOperationId: false,
      filter: true,
      persistAuthorization: true,
      // The highlighter's inline token colours fall below 4.5:1 on its dark background; plain text does not.
      syntaxHighlight: { activated: false },
      tryItOutEnabled: false,
      // No badge from the public validator service: nothing leaves this origin.
      validatorUrl: null,
      requestInterceptor: (request: { credentials?: string }) => ({ ...request, credentials: "same-origin" }),
    });
  }

  return (
    <>
      <link rel="stylesheet" href="/docs/api/assets/swagger-ui.css" precedence="default" />
      <Script
        src="/docs/api/assets/swagger-ui-bundle.js"
        strategy="afterInteractive"
        onReady={render}
        onError={() => setFailed(true)}
      />
      {failed && (
        <p role="alert" className="mt-6 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          The API reference could not be loaded. Reload the page; the document itself is at{" "}
          <a href={documentUrl} className="font-medium underline">
            {documentUrl}
          </a>
          .
        </p>
      )}
      <div ref={container} className="api-reference mt-6" />
    </>
  );
}
