import { useNavigate, useNavigation, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, type FormEvent, type MouseEvent } from "react";

/**
 * Client-side navigation for the markup of a thread's posts, and for nothing
 * else. The posts are HTML strings (`postHtml`, components/post.ts; decision
 * 0012), so React has no `<Link>` or `<Form>` inside them to send their
 * links and small forms through Remix. This hook gives the element that holds
 * the strings one click handler and one submit handler that do it instead:
 *
 *     const postNavigation = usePostMarkupNavigation();
 *     <ol {...postNavigation}>…posts' strings…</ol>
 *
 * Everywhere else, links are `<Link>`/`<NavLink>` and forms are `<Form>`
 * (decision 0010: delegated links elsewhere measured no gain).
 *
 * Without JavaScript the posts' anchors and forms work as plain HTML does.
 *
 * - A click on a same-site link in a post (an ordinary left click; pressing
 *   Enter on a link is a click too) becomes a Remix navigation, so the page
 *   is not reloaded. `data-keep-scroll` on a link keeps the scroll position
 *   (Remix's `preventScrollReset`: the "Quote" link). Links to an anchor of
 *   this page (`#post-12`) are left to the browser.
 * - A post's `<form method="post" data-delegated>` ("Helpful", "Accept as
 *   answer", "Restore") is sent through Remix (no reload, the scroll position
 *   kept). React replaces a post's string whole when it changes, so this does
 *   what `<Form>` and `SubmitButton` would: the pressed button is marked busy
 *   (`aria-disabled`) while the form is sent, and once the page has its new
 *   data, the keyboard focus goes back to the same button of the same post
 *   (found by the form's `intent` and `postId`).
 *
 * Guarded by app/routes/thread-posts-markup.test.tsx (the page's posts are
 * postHtml's strings, with the plain links and `data-delegated` forms this
 * looks for) and by the steps named "posts as strings: …" of the discussions
 * journey in tests/e2e/discussions.spec.ts (a post's links and forms work
 * without a page reload).
 */
export function usePostMarkupNavigation() {
  const onClick = usePostLinks();
  const onSubmit = usePostForms();
  return useMemo(() => ({ onClick, onSubmit }), [onClick, onSubmit]);
}

function usePostLinks() {
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

function usePostForms() {
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
