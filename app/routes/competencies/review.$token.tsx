// /review/:token — a reviewer opens the invitation link from their email.
// Signed-in members (other than the member who invited) claim it, once, and
// go to the rating form; visitors sign in or sign up first and come back here.
// An unusable link shows a clear page and no data. Never indexed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { LinkErrorPage } from "~/components/error-page";
import { acceptInvitation } from "~/domain/assessments/reviewer-ratings.server";
import { requireMember } from "~/utils/auth.server";
import { okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

// Opening the link claims it: a state change on GET, but the link is the
// whole interface an email gives, and the claim is idempotent for its holder.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const { ratingId } = okOrThrow(await acceptInvitation(actor, params.token ?? ""));
  return redirect(`/review/rate/${ratingId}`);
}


export const meta: MetaFunction = () => [
  { title: "Reviewer invitation · CME Commons" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function ReviewInvitation() {
  return null;
}

const GONE = {
  used: { title: "This invitation has already been used" },
  revoked: { title: "This invitation was withdrawn" },
  expired: { title: "This invitation has expired" },
  unknown: { title: "This invitation link does not work" },
  "own-invitation": {
    title: "You cannot rate yourself",
    next: (
      <p>
        <Link to="/me/competencies/reviewers">See your invitations</Link>
      </p>
    ),
  },
};

export function ErrorBoundary() {
  return (
    <LinkErrorPage cases={GONE} next={<p>If you still mean to give a rating, ask the member for a new invitation.</p>} />
  );
}
