import { useLocation } from "@remix-run/react";
import { useState, type FormEvent } from "react";

export type FlashView = { id: string; message: string } | null;

/**
 * The message an action left on its redirect (flash.server.ts), read by the
 * root loader. The live region is always in the page, so a message arriving
 * after a client-side submission is announced; without JavaScript the message
 * is simply part of the page.
 *
 * It belongs to the page it arrived on: it goes when the member moves to
 * another page (the root loader does not run again on every navigation) or
 * dismisses it. Dismissing without JavaScript loads the page again, which no
 * longer carries the message.
 */
export function FlashMessage({ flash }: { flash: FlashView }) {
  const location = useLocation();
  const [arrival, setArrival] = useState(() => (flash ? { id: flash.id, key: location.key } : null));
  const [gone, setGone] = useState<string | null>(null);
  // Adjusting state while rendering (not in an effect): a new message arrives where we are now;
  // once we have moved on, that message is gone for good (coming back does not bring it back).
  if (flash && arrival?.id !== flash.id) setArrival({ id: flash.id, key: location.key });
  else if (flash && arrival?.id === flash.id && arrival.key !== location.key && gone !== flash.id) setGone(flash.id);
  const visible = flash && arrival?.id === flash.id && arrival.key === location.key && gone !== flash.id ? flash : null;

  const dismiss = (event: FormEvent<HTMLFormElement>) => {
    if (!visible) return;
    event.preventDefault();
    setGone(visible.id);
    document.getElementById("main")?.focus();
  };

  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="no-print">
      {visible ? (
        <div className="my-3 flex flex-wrap items-start justify-between gap-x-4 gap-y-2 rounded-md border border-l-8 border-emerald-700 bg-emerald-50 p-3 text-emerald-950">
          <p className="flex min-w-0 flex-1 gap-2">
            <span aria-hidden="true" className="font-bold">
              ✓
            </span>
            <span className="min-w-0 break-words">
              <span className="sr-only">Done: </span>
              {visible.message}
            </span>
          </p>
          <form method="get" action={location.pathname} onSubmit={dismiss}>
            {[...new URLSearchParams(location.search)].map(([name, value], index) => (
              <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
            ))}
            <button
              type="submit"
              className="rounded border border-emerald-800 bg-white px-2 py-1 text-sm font-semibold text-emerald-950 hover:bg-emerald-100"
            >
              Dismiss<span className="sr-only"> this message</span>
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
