// Asks before the member leaves a page with unsaved changes (with
// JavaScript): the browser's own prompt when the tab is closed or reloaded
// (`beforeunload`), and a dialog when a link inside the site is followed
// (React Router's `useBlocker`). Moving within the page (a form posting to
// it, a link to one of its sections) is not leaving.
import { useBlocker } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { buttonClassName } from "~/components/ui/button";
import { draftsAvailable } from "~/components/drafts";

/**
 * `unsaved` names the parts of the page with unsaved changes (nothing: no
 * warning); `keepsDrafts` says the page keeps drafts (use-form-draft.ts),
 * so the dialog can say they come back, when this browser allows it.
 */
export function UnsavedChangesGuard({ unsaved, keepsDrafts }: { unsaved: readonly string[]; keepsDrafts: boolean }) {
  const when = unsaved.length > 0;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [when]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (blocker.state === "blocked" && !element.open) element.showModal();
    if (blocker.state !== "blocked" && element.open) element.close();
  }, [blocker.state]);

  // Saving the last change while a link waits: nothing is lost any more, so go.
  useEffect(() => {
    if (blocker.state === "blocked" && !when) blocker.proceed();
  }, [blocker, when]);

  // Read only once a link is blocked: the server renders (and hydration matches) the plain wording.
  const draftsKept = blocker.state === "blocked" && keepsDrafts && draftsAvailable();
  const stay = () => {
    if (blocker.state === "blocked") blocker.reset();
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby="unsaved-title"
      aria-describedby="unsaved-description"
      // Escape closes the dialog: the member stays.
      onCancel={stay}
      className="m-auto max-w-md rounded-lg border border-stone-300 bg-white p-5 shadow-xl backdrop:bg-stone-900/40"
    >
      <h2 id="unsaved-title" className="text-lg font-semibold">
        Leave without saving?
      </h2>
      <div id="unsaved-description" className="mt-2 space-y-2 text-stone-800">
        <p>You have changes you have not saved in: {unsaved.join(", ")}.</p>
        <p>
          {draftsKept
            ? "This browser keeps them as a draft and offers them back when you return, but they are not saved until you press Save."
            : "They will be lost if you leave now."}
        </p>
      </div>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="button" autoFocus onClick={stay} className={buttonClassName("primary")}>
          Stay on this page
        </button>
        <button
          type="button"
          onClick={() => blocker.state === "blocked" && blocker.proceed()}
          className={buttonClassName("secondary")}
        >
          Leave without saving
        </button>
      </div>
    </dialog>
  );
}
