/** The request's actor, and the guards routes use. */
import { redirect } from "@remix-run/node";
import { ANONYMOUS, type Actor, type MemberActor } from "~/domain/members/actor";
import { readSessionToken, validateSessionToken, sessionCookie } from "./session.server";

const actorCache = new WeakMap<Request, Promise<{ actor: Actor; refreshCookie: string | null }>>();

async function resolve(request: Request) {
  const token = readSessionToken(request);
  if (!token) return { actor: ANONYMOUS, refreshCookie: null };
  const result = await validateSessionToken(token);
  if (!result?.user.profile) return { actor: ANONYMOUS, refreshCookie: null };
  const { session, user, extended } = result;
  const actor: Actor = {
    kind: "member",
    userId: user.id,
    sessionId: session.id,
    role: user.role,
    handle: user.profile!.handle,
    displayName: user.profile!.displayName,
    onboarded: user.onboardedAt !== null,
  };
  return { actor, refreshCookie: extended ? sessionCookie(token, session.expiresAt) : null };
}

/** The actor for this request (looked up once per request). */
export function getActorAndCookie(request: Request) {
  let pending = actorCache.get(request);
  if (!pending) {
    pending = resolve(request);
    actorCache.set(request, pending);
  }
  return pending;
}

export async function getActor(request: Request): Promise<Actor> {
  return (await getActorAndCookie(request)).actor;
}

/** A path on this site, safe to redirect to after login ("/" otherwise). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/home"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Browsers drop tabs and newlines from URLs ("/\t/evil.example" becomes
  // "//evil.example"): refuse control characters and backslashes, and make
  // sure the path still resolves to this site.
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  const base = "http://this.site";
  return new URL(to, base).origin === base ? to : fallback;
}

/** The signed-in member, or a redirect to the login page that comes back here. */
export async function requireMember(request: Request): Promise<MemberActor> {
  const actor = await getActor(request);
  if (actor.kind === "member") return actor;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** A site administrator, or 403 for other members (and login for visitors). */
export async function requireAdmin(request: Request): Promise<MemberActor> {
  const actor = await requireMember(request);
  if (actor.role !== "ADMIN") throw new Response("Administrators only", { status: 403 });
  return actor;
}

/** Pages for visitors only (login, sign-up) send members home. */
export async function requireAnonymous(request: Request): Promise<void> {
  const actor = await getActor(request);
  if (actor.kind === "member") throw redirect("/home");
}

/** The client's IP address, as Express saw it (respecting TRUST_PROXY, so not spoofable by default). */
export function clientIp(context: { clientIp?: string } | undefined): string {
  return context?.clientIp ?? "unknown";
}
