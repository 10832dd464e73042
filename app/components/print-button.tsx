import { useHydrated } from "./use-hydrated";

/**
 * A button that opens the browser's print dialog. Printing from a button needs
 * JavaScript, so it appears only once the page has hydrated; put it beside an
 * instruction to use the browser's own Print command, which works without.
 */
export function PrintButton({ label = "Print" }: { label?: string }) {
  if (!useHydrated()) return null;
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="no-print inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
    >
      {label}
    </button>
  );
}
