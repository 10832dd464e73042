import { useLocation } from "@remix-run/react";
import { useState } from "react";

export type FlashView = { id: string; message: string } | null;

/**
 * The message an action left on its redirect (flash.server.ts), read by the
 * root loader. The live region (role="status": polite) is always in the page,
 * so a message arriving after a client-side submission is announced; without
 * JavaScript the message is simply part of the page.
 *
 * It belongs to the page it arrived on: it goes when the member moves to
 * another page (the root loader does not run again on every navigation) or
 * dismisses it. Without JavaScript, "Dismiss" loads the page again (a GET of
 * its address; the pages messages lead to have no query), which no longer
 * carries the message.
 */
export function FlashMessage({ flash }: { flash: FlashView }) {
  const { key } = useLocation();
  // The latest message and the page it arrived on ("" once dismissed or left behind).
  const [seen, setSeen] = useState(() => flash && { id: flash.id, key });
  // Adjusting state while rendering (not in an effect): a new message arrives where we are now;
  // once we have moved on it is gone for good (coming back does not bring it back).
  if (flash && seen?.id !== flash.id) setSeen({ id: flash.id, key });
  else if (seen?.key && seen.key !== key) setSeen({ id: seen.id, key: "" });
  const shown = flash && seen?.key === key;

  return (
    <div role="status" className="no-print">
      {shown ? (
        <div className="my-3 flex flex-wrap items-start gap-2 rounded border-l-8 border-emerald-700 bg-emerald-50 p-3">
          <p className="min-w-0 flex-1 break-words">✓ {flash.message}</p>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setSeen({ id: flash.id, key: "" });
              document.getElementById("main")?.focus();
            }}
          >
            <button className="rounded border bg-white px-2 text-sm">
              Dismiss
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
