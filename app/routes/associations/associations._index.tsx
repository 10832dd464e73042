// /associations: the directory of associations by name (a page at a time),
// with the signed-in member's own associations first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { ErrorPage } from "~/components/error-page";
import { listAssociations, listMyAssociations } from "~/domain/associations/associations.server";
import { JOIN_POLICY_LABELS, ROLE_LABELS, type JoinPolicyName } from "~/domain/associations/constants";
import { getActor } from "~/utils/auth.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const after = new URL(request.url).searchParams.get("after");
  const [directory, mine] = await Promise.all([
    listAssociations(after),
    // "Your associations" heads the first page only.
    after ? Promise.resolve([]) : listMyAssociations(actor),
  ]);
  return {
    signedIn: actor.kind === "member",
    mine,
    items: directory.items,
    isLaterPage: !!after,
    nextPage: directory.nextCursor ? `/associations?${new URLSearchParams({ after: directory.nextCursor })}` : null,
  };
}

type Entry = { slug: string; name: string; summary: string; memberCount: number; joinPolicy: JoinPolicyName };

function membersText(count: number) {
  return `${count.toLocaleString("en-US")} ${count === 1 ? "member" : "members"}`;
}

function AssociationCard({ entry, role }: { entry: Entry; role?: keyof typeof ROLE_LABELS }) {
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h3 className="break-words text-lg font-semibold">
        <Link to={`/associations/${entry.slug}`}>{entry.name}</Link>
      </h3>
      <p className="mt-1 text-sm text-stone-700">
        {membersText(entry.memberCount)} · {JOIN_POLICY_LABELS[entry.joinPolicy]}
        {role ? ` · You are ${role === "MEMBER" ? "a member" : `the ${ROLE_LABELS[role].toLowerCase()}`}` : null}
      </p>
      {entry.summary ? <p className="mt-2 break-words text-stone-800">{entry.summary}</p> : null}
    </li>
  );
}

export default function AssociationDirectory() {
  const { signedIn, mine, items, isLaterPage, nextPage } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="max-w-3xl">
        <h1 className="text-3xl font-bold">Associations</h1>
        <p className="mt-2 text-stone-700">
          Professional associations host their members’ discussions, share pathways and write down what they stand for.
          Some are open to everyone; others approve each member or welcome people by invitation.
        </p>
        <p className="mt-4">
          {signedIn ? (
            <Link
              to="/associations/new"
              className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
            >
              Create an association
            </Link>
          ) : (
            <>
              <Link to="/login?redirectTo=%2Fassociations%2Fnew">Log in</Link> to create an association or join one.
            </>
          )}
        </p>
      </header>

      {mine.length > 0 ? (
        <section aria-labelledby="mine-title" className="mt-8">
          <h2 id="mine-title" className="text-2xl font-semibold">
            Your associations
          </h2>
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {mine.map((entry) => (
              <AssociationCard key={entry.slug} entry={entry} role={entry.role} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="all-title" className="mt-8">
        <h2 id="all-title" className="text-2xl font-semibold">
          {isLaterPage ? "More associations" : "All associations"}
        </h2>
        {items.length === 0 ? (
          <div className="mt-4 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
            {isLaterPage ? (
              <p>
                That’s all of them. <Link to="/associations">Back to the start of the list</Link>.
              </p>
            ) : (
              <p>No associations yet. Be the first to create one for your organization or network.</p>
            )}
          </div>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {items.map((entry) => (
              <AssociationCard key={entry.slug} entry={entry} />
            ))}
          </ul>
        )}
        <Pager
          label="More associations"
          previous={isLaterPage ? { href: "/associations", label: "Back to the first page" } : null}
          next={nextPage ? { href: nextPage, label: "Next page" } : null}
        />
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Associations · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
