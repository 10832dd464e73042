// /mentoring: the member's mentoring. Suggested mentors with their reasons
// (when asking for a mentor), requests waiting, active and ended mentorships,
// and the members they hid.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { askPath, mentorshipPath, programPath, requestPath } from "~/domain/mentoring/constants";
import { hideMember, listMyMentoring, unhideMember } from "~/domain/mentoring/mentorships.server";
import { suggestMentors } from "~/domain/mentoring/suggestions.server";
import { myAssociationPrograms } from "~/domain/mentoring/programs.server";
import { requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, okOrThrow } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [suggestions, mine, programs] = await Promise.all([suggestMentors(actor.userId), listMyMentoring(actor), myAssociationPrograms(actor)]);
  return { suggestions, mine, programs };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const form = await readForm(request);
  const handle = String(form.get("handle") ?? "");
  const intent = form.get("intent");
  if (intent === "hide") {
    const { name } = okOrThrow(await hideMember(actor, handle));
    return redirectWithFlash("/mentoring", `${name} is hidden: neither of you will be suggested to, or can ask, the other.`);
  }
  if (intent === "unhide") {
    const { name } = okOrThrow(await unhideMember(actor, handle));
    return redirectWithFlash("/mentoring", `${name} is no longer hidden.`);
  }
  throw badRequest("Unknown action");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "My home", to: "/home" }, { label: "Mentoring" }],
};

type Item = SerializeFrom<typeof loader>["mine"]["active"][number];

const STATUS_WORDS: Record<string, string> = {
  REQUESTED: "Request waiting for the mentor",
  PROPOSED: "Proposed by an association: both need to accept",
  DECLINED: "Declined",
  WITHDRAWN: "Withdrawn",
};

function MentorshipList({ items, empty }: { items: Item[]; empty: string }) {
  if (items.length === 0) return <p className="mt-2 text-stone-700">{empty}</p>;
  return (
    <ul className="mt-2 space-y-2">
      {items.map((item) => {
        const href = item.status === "ACTIVE" || item.status === "ENDED" ? mentorshipPath(item.id) : requestPath(item.id);
        const role = item.side === "mentor" ? `You mentor ${item.otherName}` : `${item.otherName} mentors you`;
        const asked = item.side === "mentor" ? `${item.otherName} asks you to mentor them` : `You asked ${item.otherName}`;
        const proposed = item.side === "mentor" ? `Proposed: you mentoring ${item.otherName}` : `Proposed: ${item.otherName} mentoring you`;
        const label = item.status === "ACTIVE" || item.status === "ENDED" ? role : item.proposed ? proposed : asked;
        return (
          <li key={item.id} className="rounded-lg border border-stone-200 bg-white p-3">
            <Link to={href} className="font-medium">
              {label}
            </Link>
            {STATUS_WORDS[item.status] ? <p className="text-sm text-stone-600">{STATUS_WORDS[item.status]}</p> : null}
            {item.waitingForYou ? <p className="text-sm font-semibold text-brand-800">Waiting for your answer</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

export default function Mentoring() {
  const { suggestions, mine, programs } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1 className="mt-4 text-3xl font-bold">Mentoring</h1>
      <p className="mt-3 text-stone-700">
        Learn the field from a colleague, or help a newcomer find their way.{" "}
        <Link to="/settings/mentoring">Change what you offer and ask for</Link>.
      </p>

      {programs.length > 0 ? (
        <section aria-labelledby="programs-title" className="mt-6">
          <h2 id="programs-title" className="text-xl font-semibold">
            Your associations’ programs
          </h2>
          <ul className="mt-2 space-y-2">
            {programs.map((program) => (
              <li key={program.slug}>
                <Link to={programPath(program.slug)}>{program.name}</Link>
                <span className="text-stone-700">
                  {program.asMentor || program.asMentee
                    ? `: you take part as ${program.asMentor && program.asMentee ? "a mentor and a mentee" : program.asMentor ? "a mentor" : "a mentee"}`
                    : ": you have not joined it"}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="waiting-title" className="mt-8">
        <h2 id="waiting-title" className="text-xl font-semibold">
          Requests
        </h2>
        <MentorshipList items={mine.waiting} empty="No requests waiting." />
      </section>

      <section aria-labelledby="active-title" className="mt-8">
        <h2 id="active-title" className="text-xl font-semibold">
          Active mentorships
        </h2>
        <MentorshipList items={mine.active} empty="None yet." />
      </section>

      <section aria-labelledby="suggestions-title" className="mt-8">
        <h2 id="suggestions-title" className="text-xl font-semibold">
          Suggested mentors
        </h2>
        {suggestions.kind === "not-seeking" ? (
          <p className="mt-2 text-stone-700">
            To see suggestions, <Link to="/settings/mentoring">ask for a mentor</Link> in Settings.
          </p>
        ) : suggestions.kind === "paused" ? (
          <p className="mt-2 text-stone-700">
            Asking for a mentor is paused. <Link to="/settings/mentoring">Turn it back on</Link> to see suggestions.
          </p>
        ) : suggestions.kind === "no-assessment" ? (
          <p className="mt-2 text-stone-700">
            Suggestions come from your self-assessment. <Link to="/me/assessment">Take it</Link> first.
          </p>
        ) : suggestions.kind === "no-areas" ? (
          <p className="mt-2 text-stone-700">
            Your latest self-assessment has none of the areas you chose. <Link to="/settings/mentoring">Choose them again</Link>.
          </p>
        ) : (
          <>
            <p className="mt-2 text-stone-700">
              For {suggestions.areaNames.join(", ")}: members who offer to mentor there and rated themselves above your
              latest stage.
            </p>
            {suggestions.items.length === 0 ? (
              <p className="mt-2 rounded-md border border-stone-200 bg-white p-3 text-stone-700">
                Nobody is available in these areas just now. Mentors' places free up as mentorships end; come back later,
                or choose other areas in Settings.
              </p>
            ) : (
              <ul className="mt-3 space-y-3">
                {suggestions.items.map((item) => (
                  <li key={item.handle} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                    <h3 className="text-lg font-semibold">
                      <Link to={`/members/${item.handle}`}>{item.displayName}</Link>
                    </h3>
                    <ul className="mt-1 list-disc pl-5 text-stone-800" aria-label={`Why ${item.displayName}`}>
                      {item.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                    {item.note ? <p className="mt-2 whitespace-pre-line text-stone-700">“{item.note}”</p> : null}
                    <div className="mt-3 flex flex-wrap items-center gap-3">
                      <Link to={askPath(item.handle)} className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800">
                        Ask {item.displayName}
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="handle" value={item.handle} />
                        <SubmitButton name="intent" value="hide" variant="secondary" aria-label={`Hide this member: ${item.displayName}`}>
                          Hide this member
                        </SubmitButton>
                      </Form>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="ended-title" className="mt-8">
        <h2 id="ended-title" className="text-xl font-semibold">
          Ended and closed
        </h2>
        <MentorshipList items={[...mine.ended, ...mine.closed]} empty="Nothing here." />
      </section>

      {mine.hidden.length > 0 ? (
        <section aria-labelledby="hidden-title" className="mt-8">
          <h2 id="hidden-title" className="text-xl font-semibold">
            Members you hid
          </h2>
          <ul className="mt-2 space-y-2">
            {mine.hidden.map((person) => (
              <li key={person.handle} className="flex flex-wrap items-center gap-3">
                <span>{person.name}</span>
                <Form method="post">
                  <input type="hidden" name="handle" value={person.handle} />
                  <SubmitButton name="intent" value="unhide" variant="secondary" aria-label={`Show again: ${person.name}`}>
                    Show again
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mentoring · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
