// /sso/:slug/callback — where the provider sends the browser back (a GET with
// the query response mode). openid-client checks the response against the
// attempt the cookie stands for; then the member is signed in, their new
// account made, asked to confirm a link to an existing account, or confirmed
// for a sensitive action.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import {
  ATTEMPT_COOKIE,
  callbackPath,
  clearedAttemptCookie,
  finishSignIn,
  pendingCookie,
  readCookie,
} from "~/domain/sso/sign-in.server";
import { getActor, safeRedirect } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { siteUrl } from "~/utils/http.server";
import { sessionCookie } from "~/utils/session.server";
import { problemRedirect } from "./sso.$slug.start";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const given = new URL(request.url);
  // The address the provider was given as redirect_uri (behind a proxy, the public one), with the response's query.
  const callbackUrl = new URL(callbackPath(slug) + given.search, siteUrl(request));
  const result = await finishSignIn(slug, callbackUrl, readCookie(request, ATTEMPT_COOKIE));
  const headers = new Headers({ "Set-Cookie": clearedAttemptCookie() });
  if (!result.ok) {
    if (result.reason === "not-found") throw new Response("There is no such sign-in provider.", { status: 404, headers });
    // A signed-in member (confirming it's them, or connecting a provider) goes back to settings; a visitor to the login page.
    const actor = await getActor(request);
    const response = problemRedirect(actor.kind === "member" ? "member" : "login", result.why, slug);
    response.headers.append("Set-Cookie", clearedAttemptCookie());
    return response;
  }
  const outcome = result.value;
  switch (outcome.kind) {
    case "session": {
      headers.append("Set-Cookie", sessionCookie(outcome.token, outcome.expiresAt));
      if (!outcome.onboarded) {
        const next = safeRedirect(outcome.redirectTo, "");
        return redirect(next && next !== "/home" ? `/welcome?redirectTo=${encodeURIComponent(next)}` : "/welcome", { headers });
      }
      return redirect(safeRedirect(outcome.redirectTo), { headers });
    }
    case "link-pending":
      headers.append("Set-Cookie", pendingCookie(outcome.token));
      return redirect("/sso/link", { headers });
    case "reauthenticated":
      return redirectWithFlash(safeRedirect(outcome.redirectTo, "/settings/account"), `${outcome.providerName} confirmed it's you.`, { headers });
    case "connected":
      return redirectWithFlash(
        safeRedirect(outcome.redirectTo, "/settings/account"),
        `${outcome.providerName} is connected: you can sign in with it.`,
        { headers },
      );
  }
}
