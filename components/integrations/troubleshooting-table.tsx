import { connectionProblems } from "@/lib/schemas/connection-problems";
import { platformProblems } from "@/lib/platforms/connect-forms";
import { problemAnchor } from "./connection-result";

/** The spec's Common Issues table, extended with every connection doctor code (all platforms); each row is an anchor. */
export function TroubleshootingTable() {
  return (
    <section aria-labelledby="troubleshooting-heading" id="troubleshooting" className="mt-8">
      <h3 id="troubleshooting-heading" className="mb-2 text-base font-semibold">
        Troubleshooting
      </h3>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Issue
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Cause
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Fix
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {Object.entries({ ...connectionProblems, ...platformProblems }).map(([code, row]) => (
              <tr key={code} id={problemAnchor(code)} className="target:bg-amber-50">
                <th scope="row" className="px-4 py-2 align-top font-medium text-slate-900">
                  {row.issue}
                  <code className="mt-0.5 block text-xs font-normal text-slate-500">{code}</code>
                </th>
                <td className="px-4 py-2 align-top text-slate-700">{row.cause}</td>
                <td className="px-4 py-2 align-top text-slate-700">{row.fix}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
