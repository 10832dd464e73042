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

type ShellMember = {
  handle: string;
  displayName: string;
  isAdmin: boolean;
  confirmed: boolean;
  unreadNotifications?: number;
} | null;

function AccountMenu({ member }: { member: ShellMember }) {
  const link = "rounded px-3 py-2 text-white no-underline hover:bg-brand-700 hover:text-white";
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
              className="min-w-5 rounded-full bg-amber-300 px-1.5 text-center text-xs font-bold leading-5 text-stone-900"
            >
              {member.unreadNotifications > 99 ? "99+" : member.unreadNotifications}
            </span>
          </>
        ) : (
          "Notifications"
        )}
      </Link>
      <Link to={`/members/${member.handle}`} className={link}>
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

/**
 * The page around every route: the skip link, the header (the site's sections
 * as NavLinks, which mark the current one with `aria-current="page"`, and the
 * account menu), the reminder to confirm an address, and the footer.
 */
export function AppShell({ children, member }: { children: ReactNode; member: ShellMember }) {
  const { pathname } = useLocation();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:shadow"
      >
        Skip to main content
      </a>
      <header className="no-print border-b border-brand-800 bg-brand-800 text-white">
        <div className="mx-auto max-w-5xl px-4">
          <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 pt-3">
            <Link to="/" className="text-lg font-bold text-white no-underline hover:text-brand-100">
              CME Commons
            </Link>
            <AccountMenu member={member} />
          </div>
          <nav aria-label="Main" className="py-2">
            <ul className="-mx-3 flex flex-wrap items-center gap-x-1 text-sm">
              {liveSections.map((section) => (
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
