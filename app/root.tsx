import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { AppShell } from "~/components/app-shell";
import { discardDrafts } from "~/components/drafts";
import { Breadcrumbs } from "~/components/breadcrumbs";
import { FlashMessage } from "~/components/flash-message";
import { ErrorPage } from "~/components/error-page";
import { unreadNotificationCount } from "~/domain/notifications/notifications.server";
import { readerTimeZone } from "~/domain/members/actor";
import { getActorAndCookie } from "~/utils/auth.server";
import { readFlash } from "~/utils/flash.server";
import { useNonce } from "~/utils/nonce";
import styles from "./tailwind.css?url";

export { headers } from "~/utils/headers";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "CME Commons" },
  {
    name: "description",
    content:
      "A professional home for healthcare CPD professionals: competency self-assessments, pathways, shared statements and association discussions.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  // The flash message is a cookie: no round trip of its own.
  const [{ actor, refreshCookie, unreadNotifications, moderationWaiting, ownPhoto }, { flash, headers: flashHeaders }] = await Promise.all([
    getActorAndCookie(request),
    readFlash(request),
  ]);
  const member =
    actor.kind === "member"
      ? {
          handle: actor.handle,
          displayName: actor.displayName,
          photo: ownPhoto ?? null,
          isAdmin: actor.role === "ADMIN",
          // Unconfirmed members see a reminder to confirm their address (app-shell.tsx).
          confirmed: actor.confirmed,
          // The badge: counted with the session lookup on pages (a separate count otherwise).
          unreadNotifications: unreadNotifications ?? (await unreadNotificationCount(actor.userId)),
          // The moderation badge: posts with open flags this member may act on (null: they moderate nothing).
          moderationWaiting: moderationWaiting ?? null,
        }
      : null;
  // A session extended on use gets a fresh cookie expiry too; a message shown is cleared.
  const headers = new Headers(flashHeaders ?? undefined);
  if (refreshCookie) headers.append("Set-Cookie", refreshCookie);
  // The zone every date on the page is written in (the member's own, from the session's query; UTC for visitors).
  return data({ member, flash, timeZone: readerTimeZone(actor) }, { headers });
}

/** The signed-in member (for the header), or null. Safe in error boundaries. */
export function useOptionalMember() {
  return useRouteLoaderData<typeof loader>("root")?.member ?? null;
}

/** Marks the document once React has hydrated (end-to-end tests wait for it before in-page navigation). */
function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const root = useRouteLoaderData<typeof loader>("root");
  // Signed out (logged out, or the session ended): the drafts forms keep in this browser go, so the
  // next person at a shared computer finds none (use-form-draft.ts). Not when the root's data failed,
  // nor when it is null (an action refused with a 4xx: the page is rendered without the loaders).
  const signedOut = root != null && root.member === null;
  useEffect(() => {
    if (signedOut) discardDrafts();
  }, [signedOut]);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell member={root?.member ?? null}>
          <Breadcrumbs />
          <FlashMessage flash={root?.flash ?? null} />
          {children}
        </AppShell>
        <HydrationMarker />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
