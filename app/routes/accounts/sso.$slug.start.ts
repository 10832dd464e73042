// /sso/:slug/start — "Sign in with <provider>" is a link here (a GET: the
// site's CSP allows forms to post only to itself). It stores the attempt and
// sends the browser to the provider with a SameSite=Lax cookie that stands
// for it. ?purpose=reauth (confirm it's you) and ?purpose=connect (add a
// provider in Settings → Account) are for signed-in members.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isSsoProblem } from "~/domain/sso/messages";
import { attemptCookie, startSignIn, type Purpose } from "~/domain/sso/sign-in.server";
import { getActor, requireMember, safeRedirect } from "~/utils/auth.server";
import { siteUrl } from "~/utils/http.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { clientIp } from "~/utils/auth.server";

const PURPOSES: readonly Purpose[] = ["login", "reauth", "connect"];

/** Where a refused start or callback sends the browser: the page the attempt began on, with the reason's key. */
export function problemRedirect(purpose: string, why: string | undefined, slug: string) {
  const page = purpose === "login" ? "/login" : "/settings/account";
  const params = new URLSearchParams({ sso: isSsoProblem(why) ? why : "unverified-response", provider: slug });
  return redirect(`${page}?${params}`);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const purpose = (PURPOSES as readonly string[]).includes(url.searchParams.get("purpose") ?? "")
    ? (url.searchParams.get("purpose") as Purpose)
    : "login";
  const slug = params.slug ?? "";
  let actor;
  if (purpose === "login") {
    const current = await getActor(request);
    if (current.kind === "member") throw redirect("/home");
  } else {
    actor = await requireMember(request);
  }
  // Each start writes a row: bounded per address, apart from password logins.
  await enforceRateLimits([LIMITS.ssoStartPerIp(clientIp(context))]);
  const fallback = purpose === "login" ? "/home" : "/settings/account";
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), fallback);
  const result = await startSignIn(slug, purpose, { siteUrl: siteUrl(request), redirectTo, actor });
  if (!result.ok) {
    if (result.reason === "not-found") throw new Response("There is no such sign-in provider.", { status: 404 });
    return problemRedirect(purpose, result.why, slug);
  }
  return redirect(result.value.url, { headers: { "Set-Cookie": attemptCookie(result.value.token) } });
}
