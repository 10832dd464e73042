import { useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useRef, type FormEvent, type MouseEvent } from "react";

/**
 * Client-side navigation for the plain `<a href>` links inside a long list
 * (the fifty posts of a thread page), from one click handler on the list.
 *
 * Remix's `<Link>` costs several router hooks per link when the server
 * renders the page; the thread page has a few hundred of them. Plain anchors
 * work without JavaScript as links always do; with it, this handler turns an
 * ordinary left click on a same-site link into a Remix navigation, so the
 * page is not reloaded. `data-keep-scroll` on a link keeps the scroll
 * position (Remix's `preventScrollReset`).
 */
export function useDelegatedLinks() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element).closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download") || anchor.origin !== window.location.origin) return;
      // In-page anchors (#post-12) are left to the browser.
      if (anchor.pathname === window.location.pathname && anchor.search === window.location.search && anchor.hash) return;
      event.preventDefault();
      navigate(`${anchor.pathname}${anchor.search}${anchor.hash}`, { preventScrollReset: anchor.dataset.keepScroll !== undefined });
    },
    [navigate],
  );
}

/**
 * The same for plain `<form method="post" data-delegated>` elements inside a
 * long list (the "Helpful" button of each post): one submit handler on the
 * list sends them through Remix (no page reload, the scroll position kept),
 * instead of a Remix `<Form>` per post. Without JavaScript they post as forms
 * always do.
 *
 * The list's markup is a string (components/post.ts), which React replaces
 * whole when it changes, so the handler does what `<Form>` and
 * `SubmitButton` did: the pressed button is marked busy (`aria-disabled`)
 * while the form is sent, and once the page has its new data, the keyboard
 * focus goes back to the same button of the same post (found by the form's
 * `intent` and `postId`).
 */
export function useDelegatedForms() {
  const submit = useSubmit();
  const navigation = useNavigation();
  const sent = useRef<{ intent: string; postId: string; button: HTMLButtonElement | null } | null>(null);

  useEffect(() => {
    const last = sent.current;
    if (navigation.state !== "idle" || !last) return;
    sent.current = null;
    last.button?.removeAttribute("aria-disabled");
    const focusLost = !document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected;
    if (!focusLost || last.button?.isConnected) return;
    for (const form of document.querySelectorAll<HTMLFormElement>("form[data-delegated]")) {
      if (formField(form, "intent") === last.intent && formField(form, "postId") === last.postId) {
        form.querySelector("button")?.focus();
        return;
      }
    }
  }, [navigation.state]);

  return useCallback(
    (event: FormEvent<HTMLElement>) => {
      const form = event.target;
      if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !("delegated" in form.dataset)) return;
      event.preventDefault();
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const button = submitter instanceof HTMLButtonElement ? submitter : null;
      button?.setAttribute("aria-disabled", "true");
      sent.current = { intent: formField(form, "intent"), postId: formField(form, "postId"), button };
      submit(button ?? form, { method: "post", preventScrollReset: true });
    },
    [submit],
  );
}

function formField(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement ? field.value : "";
}
