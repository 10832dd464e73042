/**
 * "It worked" messages: one short message set by an action on its redirect
 * and shown once by the next page (Epic Stack's `redirectWithToast`).
 *
 * The message rides in its own cookie (`cme_flash`), read and cleared by the
 * root loader (root.tsx) without a database round trip. It works the same
 * for a document POST without JavaScript (the browser follows the redirect
 * with the cookie) and for a fetcher or `<Form>` submission (single fetch
 * revalidates the root loader after the action).
 *
 * The cookie is signed with SESSION_SECRET when it is set; without it the
 * value is plain (base64 JSON), which is acceptable because it only ever holds
 * text rendered as text, at most MAX_LENGTH characters, and expires within a
 * minute. A response that sets or clears it goes out `private, no-store`, as
 * every response that sets a cookie does (the one cache policy, cache-policy.ts).
 */
import { createCookie, redirect } from "@remix-run/node";
import { secureCookies } from "./session.server";

export const FLASH_COOKIE = "cme_flash";
const MAX_LENGTH = 300;
const AT_MAX = 60;

/**
 * What the app shell shows: `id` tells two identical messages apart (the
 * second one shows again). `at` names the part of the page the message is
 * about (the planner section just saved), for a page that shows it there too.
 */
export type Flash = { id: string; message: string; at?: string };

/** A message, or a message about one part of the page (`at`: an element id, like the redirect's hash). */
export type FlashInput = string | { message: string; at: string };

function flashCookie() {
  const secret = process.env.SESSION_SECRET;
  return createCookie(FLASH_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    maxAge: 60,
    secrets: secret ? [secret] : undefined,
  });
}

/** Headers that set a flash message (merged into `init` when given). */
export async function flashHeaders(input: FlashInput, init?: HeadersInit): Promise<Headers> {
  const headers = new Headers(init);
  const { message, at } = typeof input === "string" ? { message: input, at: undefined } : input;
  const flash: Flash = { id: crypto.randomUUID().slice(0, 8), message: message.slice(0, MAX_LENGTH), ...(at ? { at: at.slice(0, AT_MAX) } : {}) };
  headers.append("Set-Cookie", await flashCookie().serialize(flash));
  return headers;
}

/** A redirect that shows `message` on the page it leads to. */
export async function redirectWithFlash(url: string, message: FlashInput, init?: ResponseInit): Promise<ReturnType<typeof redirect>> {
  return redirect(url, { ...init, headers: await flashHeaders(message, init?.headers) });
}

function isFlash(value: unknown): value is Flash {
  if (typeof value !== "object" || value === null) return false;
  const { id, message, at } = value as Record<string, unknown>;
  return (
    typeof id === "string" &&
    typeof message === "string" &&
    id.length <= 40 &&
    message.length <= MAX_LENGTH &&
    (at === undefined || (typeof at === "string" && at.length <= AT_MAX))
  );
}

/**
 * The message waiting for this request, if any, and the headers that clear
 * it (so a reload does not show it again). No cookie: nothing to do.
 */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers | null }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes(`${FLASH_COOKIE}=`)) return { flash: null, headers: null };
  const cookie = flashCookie();
  const value: unknown = await cookie.parse(cookieHeader);
  const headers = new Headers();
  headers.append("Set-Cookie", await cookie.serialize("", { maxAge: 0 }));
  return { flash: isFlash(value) ? value : null, headers };
}
