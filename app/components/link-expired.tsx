import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The page for an emailed link that has expired or was used (password reset, address confirmation). */
export function LinkExpired({ explanation, action, children }: { explanation: ReactNode; action: { to: string; label: string }; children?: ReactNode }) {
  return (
    <section aria-labelledby="expired-title" className="mx-auto max-w-md">
      <h1 id="expired-title" className="text-3xl font-bold">
        This link has expired or was already used
      </h1>
      <p className="mt-4 text-lg text-stone-700">{explanation}</p>
      <p className="mt-6">
        <Link
          to={action.to}
          className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
        >
          {action.label}
        </Link>
      </p>
      {children}
    </section>
  );
}
