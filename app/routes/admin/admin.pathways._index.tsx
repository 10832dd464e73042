// /admin/pathways — every pathway, drafts and associations' included, with
// its status, step count and enrolments; a way in to edit each, and to start a new one.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { ErrorPage } from "~/components/error-page";
import { PATHWAY_KIND_LABELS, PATHWAY_STATUS_LABELS } from "~/domain/pathways/authoring-constants";
import { listAuthorablePathways } from "~/domain/pathways/authoring.server";
import { requireAdmin } from "~/utils/auth.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAdmin(request);
  const after = new URL(request.url).searchParams.get("after");
  return { ...(await listAuthorablePathways(actor, { after })), paged: Boolean(after) };
}

export default function AdminPathways() {
  const { pathways, nextAfter, paged } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-5xl">
      <h1 className="text-3xl font-bold">Pathways</h1>
      <p className="mt-2 text-stone-700">
        Every pathway on the site, including drafts and those written by associations. Members see only published
        ones; editing a pathway never loses members’ progress on the steps it keeps.
      </p>
      <p className="mt-4">
        <Link
          to="/pathways/new"
          className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
        >
          New site pathway
        </Link>
      </p>

      {pathways.length === 0 ? (
        <p className="mt-6 text-stone-700">{paged ? "No more pathways." : "No pathways yet."}</p>
      ) : (
        // Scrolls sideways on its own on a phone; the page does not.
        <div className="relative mt-6 overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Pathways, in order of web address</caption>
            <thead>
              <tr className="border-b border-stone-300">
                <th scope="col" className="py-2 pr-4">Pathway</th>
                <th scope="col" className="py-2 pr-4">Status</th>
                <th scope="col" className="py-2 pr-4">Steps</th>
                <th scope="col" className="py-2 pr-4">Enrolled</th>
                <th scope="col" className="py-2">Actions</th>
              </tr>
            </thead>
            <tbody>
              {pathways.map((pathway) => (
                <tr key={pathway.slug} className="border-b border-stone-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-medium">
                    {pathway.title}
                    <span className="block text-sm font-normal text-stone-600">
                      {PATHWAY_KIND_LABELS[pathway.kind]} ·{" "}
                      {pathway.association ? `by ${pathway.association.name}` : "site pathway"} · /pathways/{pathway.slug}
                    </span>
                  </th>
                  <td className="py-2 pr-4">
                    <span
                      className={`rounded-full px-2 py-0.5 text-sm font-semibold ${
                        pathway.status === "PUBLISHED" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"
                      }`}
                    >
                      {PATHWAY_STATUS_LABELS[pathway.status]}
                    </span>
                  </td>
                  <td className="py-2 pr-4">{pathway.stepCount}</td>
                  <td className="py-2 pr-4">{pathway.enrolledCount}</td>
                  <td className="py-2">
                    <ul className="space-y-1">
                      <li>
                        <Link to={`/pathways/${pathway.slug}/edit`} aria-label={`Edit ${pathway.title}`}>
                          Edit
                        </Link>
                      </li>
                      <li>
                        <Link to={`/pathways/${pathway.slug}/preview`} aria-label={`Preview ${pathway.title}`}>
                          Preview
                        </Link>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="More pathways"
        previous={paged ? { href: "/admin/pathways", label: "First page" } : null}
        next={nextAfter ? { href: `/admin/pathways?after=${encodeURIComponent(nextAfter)}`, label: "Next page" } : null}
      />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Pathways · Administration · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
