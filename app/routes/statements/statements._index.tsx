// /statements — shared identity statements the viewer can see, newest activity first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateIn } from "~/utils/zoned-dates";
import { ErrorPage } from "~/components/error-page";
import { Pager } from "~/components/pager";
import { STATUS_LABELS, type StatementStatusName } from "~/domain/statements/policy";
import { COMMUNITY_SCOPE, statusFilterOptions } from "~/domain/statements/constants";
import { listStatements, myDrafts, proposalScopes, type StatementListItem } from "~/domain/statements/statements.server";
import { getActor } from "~/utils/auth.server";

export { headers } from "~/utils/headers";

const STATUSES = ["OPEN", "ADOPTED", "ARCHIVED"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = STATUSES.find((s) => s === statusParam) ?? null;
  const scopeParam = url.searchParams.get("scope")?.trim() || null;
  const scope = scopeParam && /^[a-z0-9-]+$/.test(scopeParam) ? scopeParam : null;
  const [list, drafts, scopes] = await Promise.all([
    listStatements(actor, { status, scope, cursor: url.searchParams.get("after") }),
    actor.kind === "member" ? myDrafts(actor) : [],
    actor.kind === "member" ? proposalScopes(actor) : [{ value: COMMUNITY_SCOPE, label: "Community-wide" }],
  ]);
  const next = new URLSearchParams();
  if (status) next.set("status", status);
  if (scope) next.set("scope", scope);
  if (list.nextCursor) next.set("after", list.nextCursor);
  return {
    signedIn: actor.kind === "member",
    status,
    scope,
    scopes,
    items: list.items,
    nextHref: list.nextCursor ? `/statements?${next.toString()}` : null,
    drafts,
  };
}

function StatusBadge({ status }: { status: StatementStatusName }) {
  const colours: Record<StatementStatusName, string> = {
    DRAFT: "bg-stone-100 text-stone-800 border-stone-400",
    OPEN: "bg-sky-50 text-sky-900 border-sky-700",
    ADOPTED: "bg-emerald-50 text-emerald-900 border-emerald-700",
    ARCHIVED: "bg-stone-100 text-stone-700 border-stone-500",
  };
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${colours[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}

function StatementRow({ item }: { item: StatementListItem }) {
  const timeZone = useTimeZone();
  return (
    <li className="border-b border-stone-200 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={item.status} />
        <Link to={`/statements/${item.id}`} className="font-semibold">
          {item.title}
        </Link>
      </div>
      <p className="mt-1 text-sm text-stone-600">
        {item.association ? item.association.name : "Community-wide"} · version{" "}
        {item.status === "ADOPTED" && item.adoptedVersion ? item.adoptedVersion : item.currentVersion} · updated{" "}
        <time dateTime={item.updatedAt}>{formatDateIn(item.updatedAt, timeZone)}</time>
      </p>
    </li>
  );
}

export default function Statements() {
  const { signedIn, status, scope, scopes, items, nextHref, drafts } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="statements-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="statements-title" className="text-3xl font-bold">
          Statements
        </h1>
        <Link
          to={signedIn ? "/statements/new" : "/login?redirectTo=%2Fstatements%2Fnew"}
          className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
        >
          Propose a statement
        </Link>
      </div>
      <p className="mt-2 max-w-2xl text-stone-700">
        Shared statements of who we are as a profession: drafted together, revised in the open, signed by members and
        adopted by the community or an association.
      </p>

      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-title" className="mt-6 rounded-md border border-stone-300 bg-white p-4">
          <h2 id="drafts-title" className="text-xl font-semibold">
            Your drafts
          </h2>
          <ul>
            {drafts.map((item) => (
              <StatementRow key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ) : null}

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="filter-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="filter-status" name="status" defaultValue={status ?? ""} className="mt-1 rounded-md border border-stone-400 bg-white px-3 py-2">
            {statusFilterOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        {/* An association's long name must not push the page sideways on a phone. */}
        <div className="min-w-0 max-w-full">
          <label htmlFor="filter-scope" className="block text-sm font-medium">
            Scope
          </label>
          <select
            id="filter-scope"
            name="scope"
            defaultValue={scope ?? ""}
            className="mt-1 w-full max-w-full rounded-md border border-stone-400 bg-white px-3 py-2"
          >
            <option value="">Everything I can see</option>
            {scopes.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-stone-400 bg-white px-4 py-2 font-semibold hover:bg-stone-100">
          Filter
        </button>
      </Form>

      <h2 className="sr-only">Statements found</h2>
      {items.length === 0 ? (
        <p className="mt-6 text-stone-700">No statements match yet.</p>
      ) : (
        <ul className="mt-4">
          {items.map((item) => (
            <StatementRow key={item.id} item={item} />
          ))}
        </ul>
      )}
      <Pager label="More statements" next={nextHref ? { href: nextHref, label: "Older statements" } : null} />
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Statements · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
