// /associations/:slug/mentoring — the association's mentoring program as its
// members see it: the owner's invitation, and opting in as a mentor, a mentee
// or both (or out again). The invitation's notification and email lead here.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { programManagePath, programPath } from "~/domain/mentoring/constants";
import { optInSchema } from "~/domain/mentoring/program-schemas";
import { getProgramForMember, joinProgram, leaveProgram } from "~/domain/mentoring/programs.server";
import { requireMember } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, failureResponse, formFailure } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const result = await getProgramForMember(actor, params.slug ?? "");
  if (!result.ok) throw failureResponse(result);
  const { program, mine, ...rest } = result.value;
  return {
    ...rest,
    program: program ? { invitation: program.invitation, open: program.closedAt === null, startedOn: formatDateIn(program.startedAt, readerTimeZone(actor)) } : null,
    mine: mine ? { asMentor: mine.asMentor, asMentee: mine.asMentee, joinedOn: formatDateIn(mine.joinedAt, readerTimeZone(actor)) } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "join") {
    const submission = parseWithZod(form, { schema: optInSchema });
    if (submission.status !== "success") return data({ errors: submission.error ?? {} }, { status: 400 });
    const result = await joinProgram(actor, slug, {
      asMentor: submission.value.asMentor === "on",
      asMentee: submission.value.asMentee === "on",
    });
    if (!result.ok) return formFailure(result, { errors: result.fieldErrors ?? { "": [result.message] } });
    return redirectWithFlash(programPath(slug), "You take part in the program. The owner may propose a pair for you; you will be asked first.");
  }
  if (intent === "leave") {
    const result = await leaveProgram(actor, slug);
    if (!result.ok) throw failureResponse(result);
    return redirectWithFlash(programPath(slug), "You no longer take part in the program. Your mentorships go on.");
  }
  throw badRequest("Unknown action");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: (page) => [
    { label: "Associations", to: "/associations" },
    ...(page ? [{ label: page.association.name, to: `/associations/${page.association.slug}` }] : []),
    { label: "Mentoring program" },
  ],
};

const STATE_WORDS: Record<string, string> = { on: "on", paused: "paused", off: "off" };

export default function MentoringProgram() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = (result?.errors ?? {}) as Record<string, string[] | undefined>;
  const { association, program, mine } = page;
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">Mentoring in {association.name}</h1>
      {!program ? (
        <p className="mt-3 text-stone-700">
          There is no mentoring program yet. <Link to={programManagePath(association.slug)}>Start one</Link>.
        </p>
      ) : (
        <>
          <p className="mt-2 text-stone-600">
            {program.open ? `A program run by the association’s owner since ${program.startedOn}.` : "This program is closed: nobody new can join it for now."}
          </p>
          {program.invitation ? (
            <blockquote className="mt-4 whitespace-pre-line rounded-md border-l-4 border-brand-300 bg-white p-4 text-stone-800">
              {program.invitation}
            </blockquote>
          ) : null}

          <section aria-labelledby="take-part-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
            <h2 id="take-part-title" className="text-xl font-semibold">
              {mine ? "You take part" : "Take part"}
            </h2>
            {mine ? (
              <p className="mt-1 text-stone-800">
                Since {mine.joinedOn}, as {mine.asMentor && mine.asMentee ? "a mentor and a mentee" : mine.asMentor ? "a mentor" : "a mentee"}.
              </p>
            ) : null}
            <p className="mt-2 text-stone-700">
              The association’s owner sees who takes part and may propose a pair for you. Nothing starts unless you accept,
              and what you and your mentor or mentee say to each other stays between the two of you.
            </p>
            {page.canOptIn ? (
              <Form method="post" className="mt-3">
                <input type="hidden" name="intent" value="join" />
                <fieldset aria-describedby="roles-errors">
                  <legend className="font-medium">Take part as</legend>
                  <FieldErrors id="roles-errors" errors={errors[""] ?? errors.asMentor} />
                  <div className="mt-2 flex items-center gap-2">
                    <input id="asMentor" name="asMentor" type="checkbox" defaultChecked={mine?.asMentor ?? false} className="size-5" />
                    <label htmlFor="asMentor">A mentor</label>
                  </div>
                  <div className="mt-2 flex items-center gap-2">
                    <input id="asMentee" name="asMentee" type="checkbox" defaultChecked={mine?.asMentee ?? false} className="size-5" />
                    <label htmlFor="asMentee">A mentee</label>
                  </div>
                </fieldset>
                <SubmitButton value="join" className="mt-4 w-full sm:w-auto" pendingText="Saving…">
                  {mine ? "Save" : "Take part"}
                </SubmitButton>
              </Form>
            ) : page.isMember && program.open ? (
              <p className="mt-2 text-stone-700">Confirm your email address first: then you can take part.</p>
            ) : null}
            {mine ? (
              <Form method="post" className="mt-4">
                <SubmitButton name="intent" value="leave" variant="secondary" pendingText="Leaving…">
                  Stop taking part
                </SubmitButton>
              </Form>
            ) : null}
          </section>

          <section aria-labelledby="settings-title" className="mt-6">
            <h2 id="settings-title" className="text-xl font-semibold">
              Your mentoring settings
            </h2>
            <p className="mt-1 text-stone-700">
              Offering to mentor is {STATE_WORDS[page.offering]}; asking for a mentor is {STATE_WORDS[page.seeking]}.{" "}
              {page.offering !== "on" && (mine?.asMentor ?? true)
                ? "To be proposed as a mentor, turn offering on and choose the areas you mentor in and how many mentees you take. "
                : ""}
              <Link to="/settings/mentoring">Settings → Mentoring</Link>
            </p>
          </section>
        </>
      )}
      {page.canRun && program ? (
        <p className="mt-6">
          <Link to={programManagePath(association.slug)}>Run the program</Link>
        </p>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mentoring program · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
