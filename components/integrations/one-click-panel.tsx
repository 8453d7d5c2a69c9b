import type { OneClickMethod } from "@/lib/platforms/connect-forms";
import { Button } from "@/components/ui/button";

/**
 * "Connect with Shopify" / "Connect with Webflow": approve IGNY8 on the platform instead of pasting
 * a token. While the server has no app for the platform, the button is disabled and `unavailable`
 * says which variables to set (the token paths below still work).
 */
export function OneClickPanel({
  method,
  unavailable,
  isPending,
  isDisabled,
  onStart,
}: {
  method: OneClickMethod;
  unavailable?: string;
  isPending: boolean;
  isDisabled: boolean;
  onStart: () => void;
}) {
  return (
    <div className="rounded-md border border-slate-200 bg-slate-50 p-4">
      <p className="text-sm text-slate-700">{method.text}</p>
      {unavailable && (
        <p id="one-click-unavailable" className="mt-2 text-sm text-amber-800" role="note">
          {unavailable}
        </p>
      )}
      <Button
        type="button"
        variant="secondary"
        className="mt-3"
        isLoading={isPending}
        disabled={!!unavailable || isDisabled}
        aria-describedby={unavailable ? "one-click-unavailable" : undefined}
        onClick={onStart}
      >
        {method.label}
      </Button>
    </div>
  );
}
