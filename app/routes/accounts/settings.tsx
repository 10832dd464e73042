// /settings: the layout of a member's settings pages (profile, photo, email,
// time zone, password, account). Each child route checks the member itself too: this loader's
// check does not stop a child loader from running.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, NavLink, Outlet, useRouteError } from "@remix-run/react";
import { ErrorPage, retryMinutes } from "~/components/error-page";
import { requireMember } from "~/utils/auth.server";

export { headers } from "~/utils/headers";

const sections = [
  { to: "/settings/profile", label: "Profile" },
  { to: "/settings/photo", label: "Photo" },
  { to: "/settings/email", label: "Email" },
  { to: "/settings/time-zone", label: "Time zone" },
  { to: "/settings/mentoring", label: "Mentoring" },
  { to: "/settings/password", label: "Password" },
  { to: "/settings/account", label: "Your data and account" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMember(request);
  return null;
}

export default function Settings() {
  return (
    <>
      <h1 className="text-3xl font-bold">Settings</h1>
      <div className="mt-6 grid gap-6 md:grid-cols-[12rem_1fr] md:gap-10">
        <nav aria-label="Settings">
          <ul className="flex flex-wrap gap-1 md:flex-col">
            {sections.map((section) => (
              <li key={section.to}>
                <NavLink
                  to={section.to}
                  className={({ isActive }) =>
                    `block rounded-md px-3 py-2 no-underline hover:bg-brand-50 ${
                      isActive ? "bg-brand-100 font-semibold text-brand-900" : "text-stone-800"
                    }`
                  }
                >
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0">
          <Outlet />
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 429) {
    return (
      <section aria-labelledby="limit-title" className="max-w-2xl">
        <h1 id="limit-title" className="text-3xl font-bold">
          Please wait a little
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          There were too many password attempts on this account, so we've paused them for a little while to keep it
          safe. Please try again in {retryMinutes(error)}.
        </p>
      </section>
    );
  }
  return <ErrorPage />;
}
