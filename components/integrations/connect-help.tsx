import type { ConnectForm, ConnectMethod } from "@/lib/platforms/connect-forms";

/** Where to find the platform's key or token, the scopes it needs, and what happens after connecting. */
export function ConnectHelp({ spec, method }: { spec: ConnectForm; method: ConnectMethod }) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">
      <p className="font-medium text-slate-800">Where to find the {method.label}</p>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        {method.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {spec.permissions && <p className="mt-2">{spec.permissions}</p>}
      {spec.next && <p className="mt-2">{spec.next}</p>}
      <p className="mt-2">
        <a className="font-medium text-brand-700 underline" href={spec.docs.href} target="_blank" rel="noreferrer">
          {spec.docs.text}
          <span className="sr-only"> (opens in a new tab)</span>
        </a>
      </p>
    </div>
  );
}
