// /invitations/:token — an invitation link to an association. Opening it shows
// the association and an "Accept" button (nothing changes on GET); visitors
// log in or sign up first and come back here. Accepting uses the link up.
// A used, expired, revoked or unknown link gets a clear 410 page. Never indexed.
import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { LinkErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { acceptInvitation, viewInvitation } from "~/domain/associations/invitations.server";
import { getActor, requireContributor } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatLongDateForReader } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const view = okOrThrow(await viewInvitation(actor, params.token ?? ""));
  const here = encodeURIComponent(new URL(request.url).pathname);
  return {
    association: view.association,
    expiresOn: formatLongDateForReader(view.expiresAt, readerTimeZone(actor)),
    alreadyMember: view.alreadyMember,
    signedIn: actor.kind === "member",
    /** Accepting needs a confirmed email address. */
    mustConfirmEmail: actor.kind === "member" && !actor.confirmed,
    loginUrl: `/login?redirectTo=${here}`,
    signupUrl: `/signup?redirectTo=${here}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const accepted = okOrThrow(await acceptInvitation(actor, params.token ?? ""));
  const to = `/associations/${accepted.slug}`;
  return accepted.joined ? redirectWithFlash(to, "Welcome! You are now a member.") : redirect(to);
}


export const meta: MetaFunction = () => [
  { title: "Invitation to an association · CME Commons" },
  { name: "robots", content: "noindex, nofollow" },
];

export default function Invitation() {
  const page = useLoaderData<typeof loader>();
  const { association } = page;
  return (
    <div className="max-w-2xl">
      <p className="text-sm font-semibold text-brand-700">Invitation</p>
      <h1 className="mt-1 break-words text-3xl font-bold">Join {association.name}</h1>
      <p className="mt-2 text-stone-700">
        You have been invited to join this association on CME Commons. {association.memberCount.toLocaleString("en-US")}{" "}
        {association.memberCount === 1 ? "member" : "members"} so far.
      </p>
      <div
        className="prose-content mt-4 break-words rounded-lg border border-stone-200 bg-white p-4"
        dangerouslySetInnerHTML={{ __html: association.descriptionHtml }}
      />
      <div className="mt-6">
        {page.alreadyMember ? (
          <p>
            You are already a member. <Link to={`/associations/${association.slug}`}>Go to {association.name}</Link>
          </p>
        ) : page.mustConfirmEmail ? (
          <p className="text-stone-800">
            To accept, first confirm your email address with the link we emailed you (
            <Link to="/confirm-email">send it again</Link>), then come back to this page. The link works until{" "}
            {page.expiresOn}.
          </p>
        ) : page.signedIn ? (
          <Form method="post">
            <p className="text-stone-700">The link works once, until {page.expiresOn}.</p>
            <SubmitButton className="mt-3" pendingText="Joining…">
              Accept the invitation
            </SubmitButton>
          </Form>
        ) : (
          <p className="text-stone-800">
            <Link to={page.loginUrl}>Log in</Link> or <Link to={page.signupUrl}>create a free account</Link> to accept.
            You will come back to this page.
          </p>
        )}
      </div>
    </div>
  );
}

const GONE = {
  used: { title: "This invitation has already been used" },
  revoked: { title: "This invitation was withdrawn" },
  expired: { title: "This invitation has expired" },
  unknown: { title: "This invitation link does not work" },
};

export function ErrorBoundary() {
  return (
    <LinkErrorPage
      cases={GONE}
      next={
        <p>
          If you still want to join, ask the association’s owner or a moderator for a new link.{" "}
          <Link to="/associations">Browse associations</Link>
        </p>
      }
    />
  );
}
