// /shared/:token — a reviewer's read-only view of a member's review pack,
// through a share link. No account needed. Expired or revoked links show a
// clear page and no data. Never indexed by search engines.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { ReviewPackArticle } from "~/components/review-pack";
import { getCompetencyProfile, toReviewPack } from "~/domain/assessments/profile.server";
import { resolveShareLink } from "~/domain/assessments/share-links.server";
import { getActor } from "~/utils/auth.server";
import { formatLongDate } from "~/utils/dates";

export { headers } from "~/utils/headers";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const resolution = await resolveShareLink(params.token ?? "");
  if (!resolution.ok) {
    throw new Response(JSON.stringify({ reason: resolution.reason }), {
      status: resolution.reason === "unknown" ? 404 : 410,
      headers: { "Content-Type": "application/json" },
    });
  }
  // Area names of a licensed framework only for a reader who may read it (a member of a licensee).
  const profile = await getCompetencyProfile(resolution.viewer, await getActor(request));
  return {
    member: profile.member,
    pack: profile.kind === "profile" ? toReviewPack(profile) : null,
    preparedOn: formatLongDate(new Date()),
    expiresOn: formatLongDate(resolution.expiresAt),
  };
}


export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.member.displayName} — competency review pack · CME Commons` : "Shared link · CME Commons" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function SharedReviewPack() {
  const { member, pack, preparedOn, expiresOn } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="mb-6 rounded-md border border-stone-200 bg-white p-3 text-sm text-stone-700 print:hidden">
        {member.displayName} shared this read-only review pack with you. The link works until {expiresOn}. Use your
        browser’s Print command to keep a copy.
      </p>
      <ReviewPackArticle pack={pack} member={member} preparedOn={preparedOn} audience="reviewer" />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 410) {
    const revoked = typeof error.data === "object" && error.data?.reason === "revoked";
    return (
      <section aria-labelledby="gone-title" className="max-w-2xl">
        <h1 id="gone-title" className="text-3xl font-bold">
          {revoked ? "This link was revoked" : "This link has expired"}
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          {revoked
            ? "The member who shared it has withdrawn it, so there is nothing to show."
            : "Share links work for a limited time, and this one has run out."}{" "}
          If you still need to see their competency profile, ask them for a new link.
        </p>
      </section>
    );
  }
  return <ErrorPage />;
}
