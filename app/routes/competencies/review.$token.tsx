// /review/:token — a reviewer opens the invitation link from their email.
// Signed-in members (other than the member who invited) claim it, once, and
// go to the rating form; visitors sign in or sign up first and come back here.
// An unusable link shows a clear page and no data. Never indexed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { acceptInvitation } from "~/domain/assessments/reviewer-ratings.server";
import { requireMember } from "~/utils/auth.server";

export { headers } from "~/utils/headers";

// Opening the link claims it: a state change on GET, but the link is the
// whole interface an email gives, and the claim is idempotent for its holder.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await acceptInvitation(actor, params.token ?? "");
  if (result.ok) return redirect(`/review/rate/${result.value.ratingId}`);
  throw new Response(JSON.stringify({ reason: result.reason }), {
    status: result.status,
    headers: { "Content-Type": "application/json" },
  });
}


export const meta: MetaFunction = () => [
  { title: "Reviewer invitation · CME Commons" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function ReviewInvitation() {
  return null;
}

const GONE: Record<string, { title: string; message: string }> = {
  used: {
    title: "This invitation has already been used",
    message: "Each invitation link works once, for the reviewer who opened it first.",
  },
  revoked: { title: "This invitation was withdrawn", message: "The member who sent it has revoked it." },
  expired: { title: "This invitation has expired", message: "Invitation links work for a limited time, and this one has run out." },
  unknown: { title: "This invitation link does not work", message: "It may be mistyped, or no longer exist." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const reason = isRouteErrorResponse(error) && typeof error.data === "object" ? String(error.data?.reason ?? "") : "";
  if (isRouteErrorResponse(error) && error.status === 403 && reason === "own-invitation") {
    return (
      <section aria-labelledby="gone-title" className="max-w-2xl">
        <h1 id="gone-title" className="text-3xl font-bold">
          You cannot rate yourself
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          This is an invitation you sent. Give the link to your reviewer; they answer it with their own account.
        </p>
        <p className="mt-4">
          <Link to="/me/competencies/reviewers">See your invitations</Link>
        </p>
      </section>
    );
  }
  if (isRouteErrorResponse(error) && error.status === 410) {
    const { title, message } = GONE[reason] ?? GONE.unknown!;
    return (
      <section aria-labelledby="gone-title" className="max-w-2xl">
        <h1 id="gone-title" className="text-3xl font-bold">
          {title}
        </h1>
        <p className="mt-4 text-lg text-stone-700">
          {message} If you still mean to give a rating, ask the member for a new invitation.
        </p>
      </section>
    );
  }
  return <ErrorPage />;
}
