// /review/:token — a reviewer opens the invitation link from their email.
// Signed-in members (other than the member who invited) claim it, once, and
// go to the rating form. A visitor is first told who asked, for what and what
// happens next, then signs in or signs up and comes back here. An unusable
// link shows a clear page and no data. Never indexed.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { LinkErrorPage } from "~/components/error-page";
import { acceptInvitation, previewInvitation } from "~/domain/assessments/reviewer-ratings.server";
import { readerTimeZone } from "~/domain/members/actor";
import { getActor } from "~/utils/auth.server";
import { okOrThrow } from "~/utils/http.server";
import { formatLongDateForReader } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

// Opening the link claims it: a state change on GET, but the link is the
// whole interface an email gives, and the claim is idempotent for its holder.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const token = params.token ?? "";
  if (actor.kind === "member") {
    const { ratingId } = okOrThrow(await acceptInvitation(actor, token));
    return redirect(`/review/rate/${ratingId}`);
  }
  // Nothing is claimed until they are signed in.
  const { expiresAt, ...preview } = okOrThrow(await previewInvitation(token));
  return {
    preview: { ...preview, expiresOn: formatLongDateForReader(expiresAt, readerTimeZone(actor)) },
    back: encodeURIComponent(`/review/${token}`),
  };
}


export const meta: MetaFunction = () => [
  { title: "Reviewer invitation · CME Commons" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function ReviewInvitation() {
  const { preview, back } = useLoaderData<typeof loader>();
  const name = preview.revieweeName;
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{name} asks for your rating</h1>
      {preview.message ? (
        <figure className="mt-4">
          <blockquote className="whitespace-pre-line border-l-4 border-brand-100 pl-4 text-lg text-stone-800">
            {preview.message}
          </blockquote>
          <figcaption className="mt-1 text-sm text-stone-600">{name}’s message to you</figcaption>
        </figure>
      ) : null}
      <h2 className="mt-6 text-xl font-semibold">What you will be asked</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-stone-800">
        <li>
          {preview.framework
            ? `For each of the ${preview.framework.areaCount} competency areas of ${preview.framework.name} (version ${preview.framework.version}), `
            : "For each competency area, "}
          choose the stage that best describes what you see {name} do, or say you haven’t observed it. A comment per area is
          optional.
        </li>
        <li>You can save your answers and come back before you send them.</li>
        <li>
          {name} sees your rating with your name and the date, beside their own self-rating. It is never averaged with
          it, and you do not see their self-ratings or evidence.
        </li>
        <li>The link works once, for the account that opens it, until {preview.expiresOn}.</li>
      </ul>
      <h2 className="mt-6 text-xl font-semibold">First, sign in</h2>
      <p className="mt-2 text-stone-700">
        Ratings are given from a CME Commons account, so that {name} knows who rated them. An account is free. Once you
        are signed in (a new account confirms its email address first), this link takes you straight to the rating.
      </p>
      <p className="mt-4 flex flex-wrap gap-3">
        <Link
          to={`/login?redirectTo=${back}`}
          className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
        >
          Sign in to give your rating
        </Link>
        <Link
          to={`/signup?redirectTo=${back}`}
          className="inline-block rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-700 no-underline hover:bg-brand-50"
        >
          Create a free account
        </Link>
      </p>
    </div>
  );
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
