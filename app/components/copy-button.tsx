import { useEffect, useState } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * A button that copies `text` (a link shown only once) to the clipboard and
 * says so in a live region. Copying needs JavaScript, so it appears only once
 * the page has hydrated; the text itself is always on the page to select.
 */
export function CopyButton({ text, label = "Copy link" }: { text: string; label?: string }) {
  const hydrated = useHydrated();
  const [said, setSaid] = useState("");
  // A new text (another link made) starts afresh.
  useEffect(() => setSaid(""), [text]);
  if (!hydrated) return null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid("Copied to the clipboard.");
    } catch {
      setSaid("Your browser did not allow copying: select the link and copy it yourself.");
    }
  };
  return (
    <span className="no-print inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={copy}
        className="inline-flex items-center justify-center rounded-md border border-stone-400 bg-white px-3 py-1.5 text-sm font-semibold text-stone-900 hover:bg-stone-100"
      >
        {label}
      </button>
      <span aria-live="polite" className="text-sm text-stone-700">
        {said}
      </span>
    </span>
  );
}
