/** The request's actor, and the guards routes use. */
import { now as clockNow } from "./clock.server";
import { redirect } from "@remix-run/node";
import { moderationWaitingSql } from "~/domain/discussions/flags.server";
import { photoPath } from "~/domain/members/policy";
import { ANONYMOUS, canContribute, UNCONFIRMED_MESSAGE, type Actor, type MemberActor } from "~/domain/members/actor";
import { isTimeZone } from "./zoned-dates";
import { readSessionToken, validateSessionToken, sessionCookie } from "./session.server";

type Resolved = {
  actor: Actor;
  refreshCookie: string | null;
  /** The member's unread notifications, counted in the same query on GET and HEAD requests (the header's badge). */
  unreadNotifications?: number;
  /** Posts with open flags the member moderates, on GET and HEAD requests; null for a member who moderates nothing. */
  moderationWaiting?: number | null;
  /** The member's own photo for the header (small), or null: none. */
  ownPhoto?: string | null;
};

const knownZones = new Map<string, boolean>();
/** The zone if this runtime knows it (remembered: checking builds an Intl formatter), else UTC. */
function knownTimeZone(timeZone: string): string {
  let known = knownZones.get(timeZone);
  if (known === undefined) {
    known = isTimeZone(timeZone);
    if (knownZones.size < 1000) knownZones.set(timeZone, known);
  }
  return known ? timeZone : "UTC";
}

const actorCache = new WeakMap<Request, Promise<Resolved>>();
/**
 * Lookups in flight, by cookie: Remix hands each loader of a page its own
 * copy of the Request, so the root and route loaders share the session
 * lookup through this map (one query per page, not one per loader). An entry
 * lives only until its query answers.
 */
const inFlight = new Map<string, Promise<Resolved>>();

async function resolve(token: string, withUnread: boolean): Promise<Resolved> {
  const result = await validateSessionToken(
    token,
    clockNow(),
    withUnread ? { unreadNotifications: true, moderationWaiting: moderationWaitingSql } : {},
  );
  const profile = result?.user.profile;
  if (!result || !profile) return { actor: ANONYMOUS, refreshCookie: null };
  const { session, user, extended } = result;
  const actor: Actor = {
    kind: "member",
    userId: user.id,
    sessionId: session.id,
    role: user.role,
    handle: profile.handle,
    displayName: profile.displayName,
    onboarded: user.onboardedAt !== null,
    confirmed: user.confirmed,
    // Read in the session's own query (no round trip of its own); a zone this runtime does not know reads as UTC.
    timeZone: knownTimeZone(user.timeZone),
  };
  return {
    actor,
    refreshCookie: extended ? sessionCookie(token, session.expiresAt) : null,
    unreadNotifications: result.unreadNotifications,
    moderationWaiting: withUnread ? result.moderationWaiting : undefined,
    ownPhoto: photoPath(actor, { userId: user.id, ...profile }, "small"),
  };
}

function lookUp(request: Request): Promise<Resolved> {
  const token = readSessionToken(request);
  if (!token) return Promise.resolve({ actor: ANONYMOUS, refreshCookie: null });
  // Pages (GET, HEAD) show the unread and moderation badges; actions do not need the counts.
  const withUnread = request.method === "GET" || request.method === "HEAD";
  const key = `${withUnread ? "page" : "action"}:${token}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = resolve(token, withUnread);
    inFlight.set(key, pending);
    const done = () => {
      if (inFlight.get(key) === pending) inFlight.delete(key);
    };
    pending.then(done, done);
  }
  return pending;
}

/** The actor for this request (looked up once per request), the refreshed cookie if any, and the unread count on pages. */
export function getActorAndCookie(request: Request): Promise<Resolved> {
  let pending = actorCache.get(request);
  if (!pending) {
    pending = lookUp(request);
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

/** Why a write was refused, in the 403's JSON body: the error page offers to send the confirmation email again. */
export const UNCONFIRMED_REASON = "unconfirmed-email";

/**
 * Refuses an unconfirmed member a write that adds to what others read or
 * receive (see `canContribute`): a 403 whose body says why. For actions with
 * several intents, call it on the intents that contribute.
 */
export function assertContributor(actor: MemberActor): void {
  if (canContribute(actor)) return;
  throw new Response(JSON.stringify({ reason: UNCONFIRMED_REASON, message: UNCONFIRMED_MESSAGE }), {
    status: 403,
    statusText: "Forbidden",
    headers: { "Content-Type": "application/json" },
  });
}

/** A signed-in member whose email address is confirmed: login for visitors, a 403 that says why for the rest. */
export async function requireContributor(request: Request): Promise<MemberActor> {
  const actor = await requireMember(request);
  assertContributor(actor);
  return actor;
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
