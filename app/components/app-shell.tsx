import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";

const liveSections = [
  { to: "/", label: "Home", end: true },
  { to: "/competencies", label: "Competencies", end: false },
  { to: "/pathways", label: "Pathways", end: false },
  { to: "/forums/community", label: "Community", end: false },
  { to: "/associations", label: "Associations", end: false },
  { to: "/members", label: "Members", end: false },
  { to: "/statements", label: "Statements", end: false },
];

/** The main sections; for a signed-in member "Home" is their personal home (where `/` sends them), marked current there. */
const sectionsFor = (member: ShellMember) =>
  member ? liveSections.map((section) => (section.to === "/" ? { ...section, to: "/home" } : section)) : liveSections;

const headerLink = "rounded px-3 py-2 text-white no-underline hover:bg-brand-700 hover:text-white";

type ShellMember = {
  handle: string;
  displayName: string;
  /** Their photo's address, if they have one. */
  photo?: string | null;
  isAdmin: boolean;
  confirmed: boolean;
  unreadNotifications?: number;
  /** Posts with open flags this member moderates; null (or absent) when they moderate nothing. */
  moderationWaiting?: number | null;
} | null;

function AccountMenu({ member }: { member: ShellMember }) {
  const link = headerLink;
  if (!member) {
    return (
      <div className="flex items-center gap-1 text-sm">
        <Link to="/login" className={link}>
          Log in
        </Link>
        <Link to="/signup" className="rounded bg-white px-3 py-2 font-semibold text-brand-800 no-underline hover:bg-brand-50">
          Sign up
        </Link>
      </div>
    );
  }
  return (
    <nav aria-label="Your account" className="flex flex-wrap items-center gap-1 text-sm">
      <Link to="/home" className={link}>
        My home
      </Link>
      <Link to="/me/competencies" className={link}>
        My competencies
      </Link>
      <Link to="/notifications" className={`${link} inline-flex items-center gap-1`}>
        {member.unreadNotifications ? (
          <>
            <span>
              Notifications<span className="sr-only">, {member.unreadNotifications} unread</span>
            </span>
            <span
              aria-hidden="true"
              className="min-w-5 rounded-full bg-amber-300 px-1 text-center text-xs font-bold leading-5 text-stone-900"
            >
              {member.unreadNotifications > 99 ? "99+" : member.unreadNotifications}
            </span>
          </>
        ) : (
          "Notifications"
        )}
      </Link>
      {member.moderationWaiting ? (
        <Link to="/moderation" className={`${link} inline-flex items-center gap-1`}>
          <span>Moderation</span>
          <span className="sr-only">
            ({member.moderationWaiting} {member.moderationWaiting === 1 ? "post" : "posts"} waiting)
          </span>
          <CountPill count={member.moderationWaiting} />
        </Link>
      ) : null}
      <Link to={`/members/${member.handle}`} className={`${link} inline-flex items-center gap-2`}>
        {/* A plain <img>, not <Avatar>: the header is in every page's first load. */}
        {member.photo ? <img src={member.photo} alt="" decoding="async" className="h-7 w-7 shrink-0 rounded-full object-cover" /> : null}
        <span className="sr-only">Your profile: </span>
        {member.displayName}
      </Link>
      <Link to="/settings" className={link}>
        Settings
      </Link>
      {member.isAdmin ? (
        <Link to="/admin" className={link}>
          Admin
        </Link>
      ) : null}
      <Form method="post" action="/logout">
        <button type="submit" className={`${link} cursor-pointer`}>
          Log out
        </button>
      </Form>
    </nav>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
      <path d="M10 2a5 5 0 0 0-5 5v2.6l-1.4 2.8A1 1 0 0 0 4.5 14h11a1 1 0 0 0 .9-1.6L15 9.6V7a5 5 0 0 0-5-5Zm-2 13a2 2 0 0 0 4 0H8Z" />
    </svg>
  );
}

function FlagIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
      <path d="M4 2a1 1 0 0 1 1 1v.3c1.6-.8 3.3-.8 5 .1 1.5.8 3 .8 4.6 0a1 1 0 0 1 1.4.9v7.4a1 1 0 0 1-.5.9c-2 1.1-4.1 1.1-6 .1-1.5-.8-2.9-.8-4.5.1V18a1 1 0 1 1-2 0V3a1 1 0 0 1 1-1Z" />
    </svg>
  );
}

function CountPill({ count }: { count: number }) {
  return (
    <span
      aria-hidden="true"
      className="min-w-5 rounded-full bg-amber-300 px-1 text-center text-xs font-bold leading-5 text-stone-900"
    >
      {count > 99 ? "99+" : count}
    </span>
  );
}

/**
 * The badges a phone shows beside the site name: notifications (a bell, with
 * the unread count) and, for someone who moderates, the posts waiting in the
 * moderation queue. Each is a link whose name says what it counts.
 */
function PhoneBadges({ member }: { member: NonNullable<ShellMember> }) {
  const unread = member.unreadNotifications ?? 0;
  const waiting = member.moderationWaiting ?? 0;
  // Narrow enough that the name, both badges with their counts and the Menu fit one row at 360px.
  const badge = "inline-flex items-center gap-0.5 rounded px-1 py-2 text-white no-underline hover:bg-brand-700 hover:text-white";
  return (
    <>
      {waiting > 0 ? (
        <Link to="/moderation" className={badge}>
          <FlagIcon />
          <span className="sr-only">Moderation, {waiting} {waiting === 1 ? "post" : "posts"} waiting</span>
          <CountPill count={waiting} />
        </Link>
      ) : null}
      <Link to="/notifications" className={badge}>
        <BellIcon />
        <span className="sr-only">{unread ? `Notifications, ${unread} unread` : "Notifications"}</span>
        {unread ? <CountPill count={unread} /> : null}
      </Link>
    </>
  );
}

/**
 * Small screens: everything but the site name and the badges sits behind one
 * "Menu" disclosure. A native <details>/<summary> opens without JavaScript,
 * is reached and toggled with the keyboard (Enter or Space) and has its
 * expanded state announced by the browser. With JavaScript on, Escape closes
 * it and the shell re-creates it closed on every navigation (its `key`).
 */
function PhoneMenu({ member }: { member: ShellMember }) {
  const item = "block rounded px-3 py-2 text-white no-underline hover:bg-brand-700 hover:text-white";
  return (
    <details
      className="group"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !event.currentTarget.open) return;
        event.currentTarget.open = false;
        event.currentTarget.querySelector("summary")?.focus();
      }}
    >
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded border border-white/60 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path className="group-open:hidden" d="M3 5h14v2H3V5Zm0 4h14v2H3V9Zm0 4h14v2H3v-2Z" />
          <path
            className="hidden group-open:block"
            d="M5.3 3.9 10 8.6l4.7-4.7 1.4 1.4-4.7 4.7 4.7 4.7-1.4 1.4-4.7-4.7-4.7 4.7-1.4-1.4L8.6 10 3.9 5.3l1.4-1.4Z"
          />
        </svg>
        Menu
      </summary>
      <div className="absolute inset-x-0 top-full z-40 border-b border-brand-900 bg-brand-800 shadow-lg">
        <div className="mx-auto grid max-w-5xl gap-x-4 gap-y-2 px-4 py-3 text-sm sm:grid-cols-2">
          <nav aria-label="Main">
            <ul>
              {sectionsFor(member).map((section) => (
                <li key={section.to}>
                  <NavLink
                    to={section.to}
                    end={section.end}
                    className={({ isActive }) => `${item} ${isActive ? "bg-brand-900 font-semibold underline underline-offset-4" : ""}`}
                  >
                    {section.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label="Your account" className="border-t border-brand-700 pt-2 sm:border-l sm:border-t-0 sm:pl-4 sm:pt-0">
            <ul>
              {member ? (
                <>
                  <li>
                    <Link to="/home" className={item}>
                      My home
                    </Link>
                  </li>
                  <li>
                    <Link to="/me/competencies" className={item}>
                      My competencies
                    </Link>
                  </li>
                  <li>
                    <Link to="/mentoring" className={item}>
                      Mentoring
                    </Link>
                  </li>
                  <li>
                    <Link to="/notifications" className={item}>
                      Notifications
                      {member.unreadNotifications ? ` (${member.unreadNotifications} unread)` : ""}
                    </Link>
                  </li>
                  {member.moderationWaiting != null ? (
                    <li>
                      <Link to="/moderation" className={item}>
                        Moderation
                        {member.moderationWaiting ? ` (${member.moderationWaiting} waiting)` : ""}
                      </Link>
                    </li>
                  ) : null}
                  <li>
                    <Link to={`/members/${member.handle}`} className={item}>
                      Your profile: {member.displayName}
                    </Link>
                  </li>
                  <li>
                    <Link to="/settings" className={item}>
                      Settings
                    </Link>
                  </li>
                  {member.isAdmin ? (
                    <li>
                      <Link to="/admin" className={item}>
                        Admin
                      </Link>
                    </li>
                  ) : null}
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className={`${item} w-full cursor-pointer text-left`}>
                        Log out
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <Link to="/login" className={item}>
                      Log in
                    </Link>
                  </li>
                  <li>
                    <Link to="/signup" className={item}>
                      Sign up
                    </Link>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </div>
      </div>
    </details>
  );
}

/**
 * The page around every route: the skip link, the header, the reminder to
 * confirm an address, and the footer.
 *
 * The header has two layouts. From the `md` breakpoint up: the site name, the
 * account menu and the site's sections as NavLinks (which mark the current one
 * with `aria-current="page"`). Below it, one row: the site name, the badges
 * (notifications, moderation) or a visitor's "Log in", and the Menu
 * disclosure holding the rest. The layout not in use is `display: none`, so
 * it is out of the accessibility tree and the tab order.
 */
export function AppShell({ children, member }: { children: ReactNode; member: ShellMember }) {
  const { pathname, key } = useLocation();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:shadow"
      >
        Skip to main content
      </a>
      <header className="no-print relative border-b border-brand-800 bg-brand-800 text-white">
        <div className="mx-auto max-w-5xl px-4">
          <div className="flex items-center justify-between gap-x-2 gap-y-1 py-2 md:flex-wrap md:gap-x-6 md:pb-0 md:pt-3">
            <Link to="/" className="shrink-0 text-base font-bold text-white no-underline hover:text-brand-100 sm:text-lg">
              CME Commons
            </Link>
            <div className="flex items-center gap-1 md:hidden">
              {member ? (
                <PhoneBadges member={member} />
              ) : (
                <Link to="/login" className={`${headerLink} text-sm`}>
                  Log in
                </Link>
              )}
              {/* A new key on each navigation: the menu never stays open over the next page. */}
              <PhoneMenu key={key} member={member} />
            </div>
            <div className="hidden md:block">
              <AccountMenu member={member} />
            </div>
          </div>
          <nav aria-label="Main" className="hidden py-2 md:block">
            <ul className="-mx-3 flex flex-wrap items-center gap-x-1 text-sm">
              {sectionsFor(member).map((section) => (
                <li key={section.to}>
                  <NavLink
                    to={section.to}
                    end={section.end}
                    className={({ isActive }) =>
                      `block rounded px-3 py-2 text-white no-underline hover:bg-brand-700 hover:text-white ${
                        isActive ? "bg-brand-900 font-semibold underline underline-offset-4" : ""
                      }`
                    }
                  >
                    {section.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      {member && !member.confirmed && !pathname.startsWith("/confirm-email") ? (
        <aside aria-label="Confirm your email address" className="no-print border-b border-amber-300 bg-amber-50">
          <p className="mx-auto max-w-5xl px-4 py-2 text-sm text-stone-800">
            Confirm your email address with the link we sent you, and you can post, join and invite.{" "}
            <Link to="/confirm-email">Send a new link</Link>
          </p>
        </aside>
      ) : null}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
        {children}
      </main>
      <footer className="no-print border-t border-stone-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-stone-600">
          <p>
            CME Commons is a shared home for the people who plan, accredit and measure education for clinicians.
          </p>
        </div>
      </footer>
    </div>
  );
}
