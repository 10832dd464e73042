// /mentoring/:id: the pair's private space, for its two members only: a
// two-person conversation (Markdown, sanitized like posts; not a forum thread,
// so in no category, list, search, feed or digest), the agreed schedule,
// whether it shows on their profiles (only when both agree), reporting a
// message to the site administrators, and ending it with a reflection.
//
// Shared goals (issue 21) sit between the schedule and the conversation: each
// member shares their own goals, or not (app/domain/mentoring/shared-goals.server.ts).
// The conversation shows the newest messages; "Show older messages" pages back
// by a keyset cursor (?before=). Dates are in the viewer's time zone.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, inputClass } from "~/components/ui/field";
import { MESSAGE_MAX, REFLECTION_MAX, REPORT_NOTE_MAX, SCHEDULE_MAX, mentorshipPath } from "~/domain/mentoring/constants";
import { endMentorship, getSpace, postMessage, setSchedule, setShownOnProfile } from "~/domain/mentoring/mentorships.server";
import { reportMessage } from "~/domain/mentoring/reports.server";
import { endSchema, messageSchema, reportSchema, scheduleSchema, shareGoalSchema } from "~/domain/mentoring/schemas";
import { listSharedGoals, shareableGoals, shareGoal, unshareGoal } from "~/domain/mentoring/shared-goals.server";
import { requireContributor, requireMember } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { formatLongDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { badRequest, failureResponse, notFound, okOrThrow } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";
import { formatDateTimeIn, formatLongDateIn } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const before = new URL(request.url).searchParams.get("before");
  const found = await getSpace(actor, params.id ?? "", { before });
  if (!found) throw notFound("That mentorship does not exist.");
  const [sharedGoals, shareable] = await Promise.all([
    listSharedGoals(actor, found, found.timeZone),
    shareableGoals(actor, found, now()),
  ]);
  const { mentorId: _mentorId, menteeId: _menteeId, timeZone, ...space } = found;
  return {
    space: {
      ...space,
      // A calendar day, not an instant: the same day in every zone.
      nextMeetingLabel: space.nextMeetingOn ? formatLongDate(space.nextMeetingOn) : null,
      endedOn: space.endedAt ? formatLongDateIn(space.endedAt, timeZone) : null,
      messages: space.messages.map((message) => ({ ...message, writtenAt: formatDateTimeIn(message.createdAt, timeZone) })),
    },
    timeZone,
    sharedGoals,
    shareable,
  };
}

type Errors = Record<string, string[] | null | undefined>;
const invalid = (intent: string, errors: Errors, values: Record<string, string>, status = 400) =>
  data({ intent, errors, values }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const id = params.id ?? "";
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const here = mentorshipPath(id);
  const values = Object.fromEntries([...form.entries()].map(([key, value]) => [key, String(value)]));
  const conflictOrThrow = (result: { ok: false; reason: string; message: string } & Parameters<typeof failureResponse>[0]) => {
    if (result.reason === "conflict") return invalid(intent, { "": [result.message] }, values, 409);
    throw failureResponse(result);
  };
  switch (intent) {
    case "message": {
      const submission = parseWithZod(form, { schema: messageSchema });
      if (submission.status !== "success") return invalid(intent, submission.error ?? {}, values);
      const result = await postMessage(actor, id, submission.value.body);
      if (!result.ok) return conflictOrThrow(result);
      return redirectWithFlash(`${here}#message-${result.value.id}`, "Sent.");
    }
    case "schedule": {
      const submission = parseWithZod(form, { schema: scheduleSchema });
      if (submission.status !== "success") return invalid(intent, submission.error ?? {}, values);
      const result = await setSchedule(actor, id, submission.value);
      if (!result.ok) return conflictOrThrow(result);
      return redirectWithFlash(here, "Schedule saved.");
    }
    case "end": {
      const submission = parseWithZod(form, { schema: endSchema });
      if (submission.status !== "success") return invalid(intent, submission.error ?? {}, values);
      const result = await endMentorship(actor, id, submission.value.reflection);
      if (!result.ok) return conflictOrThrow(result);
      return redirectWithFlash(here, "Saved your reflection.");
    }
    case "show":
    case "hide": {
      okOrThrow(await setShownOnProfile(actor, id, intent === "show"));
      return redirectWithFlash(here, intent === "show" ? "Saved: it shows on both profiles once you both agree." : "It no longer shows on the profiles.");
    }
    case "share-goal":
    case "unshare-goal": {
      const submission = parseWithZod(form, { schema: shareGoalSchema });
      if (submission.status !== "success") return invalid(intent, submission.error ?? {}, values);
      if (intent === "unshare-goal") {
        okOrThrow(await unshareGoal(actor, id, submission.value.goalId));
        return redirectWithFlash(`${here}#goals-title`, { message: "Taken back: the goal no longer shows in this space.", at: "goals-title" });
      }
      const result = await shareGoal(actor, id, submission.value.goalId, now());
      if (!result.ok) {
        if (result.reason === "invalid") return invalid(intent, result.fieldErrors ?? {}, values);
        return conflictOrThrow(result);
      }
      return redirectWithFlash(`${here}#goals-title`, { message: "Shared: you both read it here now. We let the other member know.", at: "goals-title" });
    }
    case "report": {
      const submission = parseWithZod(form, { schema: reportSchema });
      if (submission.status !== "success") return invalid(intent, submission.error ?? {}, values);
      okOrThrow(await reportMessage(actor, id, submission.value));
      return redirectWithFlash(here, "Reported to the site administrators. Only they see the reported message.");
    }
    default:
      throw badRequest("Unknown action");
  }
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "Mentoring", to: "/mentoring" }, { label: "Your space" }],
};

function TextArea({ id, name, label, description, max, rows, errors, defaultValue, required }: {
  id: string; name: string; label: string; description?: string; max: number; rows: number; errors?: string[] | null; defaultValue?: string; required?: boolean;
}) {
  const describedBy = [description ? `${id}-description` : null, `${id}-errors`].filter(Boolean).join(" ");
  return (
    <div className="mt-2">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {description ? (
        <p id={`${id}-description`} className="text-sm text-stone-600">
          {description}
        </p>
      ) : null}
      <textarea id={id} name={name} rows={rows} maxLength={max} required={required} defaultValue={defaultValue} aria-describedby={describedBy} aria-invalid={errors ? true : undefined} className={inputClass} />
      <FieldErrors id={`${id}-errors`} errors={errors ?? undefined} />
    </div>
  );
}

type SharedGoalItem = SerializeFrom<typeof loader>["sharedGoals"][number];

function SharedGoalCard({ goal, canTakeBack }: { goal: SharedGoalItem; canTakeBack: boolean }) {
  const titleId = `shared-goal-${goal.id}`;
  return (
    <li aria-labelledby={titleId} className="rounded-lg border border-stone-200 bg-white p-3">
      <h4 id={titleId} className="font-semibold text-stone-900">
        {goal.title}
      </h4>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-stone-600">Status</dt>
        <dd>{goal.statusLabel}</dd>
        <dt className="text-stone-600">Measure</dt>
        <dd className="break-words">{goal.outcome || "None written"}</dd>
        <dt className="text-stone-600">Date</dt>
        <dd>{goal.dueLabel ?? "None set"}</dd>
        {goal.areaNames.length > 0 ? (
          <>
            <dt className="text-stone-600">Areas</dt>
            <dd>{goal.areaNames.join(", ")}</dd>
          </>
        ) : null}
        <dt className="text-stone-600">Shared</dt>
        <dd>{goal.sharedOn}</dd>
      </dl>
      <h5 className="mt-2 text-sm font-semibold">Progress notes</h5>
      {goal.notes.length === 0 ? (
        <p className="text-sm text-stone-700">None yet.</p>
      ) : (
        <ol className="mt-1 space-y-1 text-sm">
          {goal.olderNotes > 0 ? (
            <li className="text-stone-600">
              {goal.olderNotes} earlier {goal.olderNotes === 1 ? "note" : "notes"} not shown.
            </li>
          ) : null}
          {goal.notes.map((note) => (
            <li key={note.id} className="break-words">
              <span className="text-stone-600">{note.on}:</span> <span className="whitespace-pre-line">{note.body}</span>
            </li>
          ))}
        </ol>
      )}
      {goal.mine ? (
        <p className="mt-2 text-sm">
          <Link to={`/me/goals/${goal.id}`}>Open your goal</Link>
        </p>
      ) : null}
      {goal.mine && canTakeBack ? (
        <Form method="post" className="mt-2">
          <input type="hidden" name="intent" value="unshare-goal" />
          <input type="hidden" name="goalId" value={goal.id} />
          <SubmitButton variant="secondary" pendingText="Taking it back…">
            Stop sharing <span className="sr-only">“{goal.title}”</span>
          </SubmitButton>
        </Form>
      ) : null}
    </li>
  );
}

export default function MentoringSpace() {
  const { space, sharedGoals, shareable, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (intent: string): Errors => (result?.intent === intent ? (result.errors as Errors) : {});
  const valueFor = (intent: string, name: string) => (result?.intent === intent ? result.values[name] : undefined);
  const other = space.side === "mentor" ? space.mentee : space.mentor;
  const myGoals = sharedGoals.filter((goal) => goal.mine);
  const theirGoals = sharedGoals.filter((goal) => !goal.mine);
  const title = space.side === "mentor" ? `Mentoring ${space.mentee.name}` : `Mentored by ${space.mentor.name}`;
  return (
    <div className="max-w-3xl">
      <h1 className="mt-4 text-3xl font-bold">{title}</h1>
      <p className="mt-2 text-stone-700">
        A private space for the two of you: nobody else reads it.
        {space.areaNames.length > 0 ? ` About ${space.areaNames.join(", ")}.` : ""}
      </p>
      {space.status === "ENDED" ? (
        <p className="mt-3 rounded-md border border-stone-300 bg-stone-50 p-3">
          {space.endedByYou ? "You ended this mentorship" : `${other.name} ended this mentorship`} on {space.endedOn}. The space is kept for you both to read.
        </p>
      ) : null}

      <section aria-labelledby="schedule-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="schedule-title" className="text-xl font-semibold">
          Schedule
        </h2>
        <p className="mt-1 text-stone-800">
          {space.schedule || space.nextMeetingLabel
            ? [space.schedule, space.nextMeetingLabel ? `Next meeting: ${space.nextMeetingLabel}` : null].filter(Boolean).join(" · ")
            : "Nothing agreed yet."}
        </p>
        {space.canTakePart ? (
          <details className="mt-2">
            <summary className="cursor-pointer font-medium text-brand-800">Change the schedule</summary>
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="schedule" />
              <FieldErrors id="schedule-form-errors" errors={errorsFor("schedule")[""] ?? undefined} />
              <label htmlFor="schedule" className="block font-medium">
                What you agreed
              </label>
              <input id="schedule" name="schedule" type="text" maxLength={SCHEDULE_MAX} defaultValue={valueFor("schedule", "schedule") ?? space.schedule} placeholder="For example: a call every other Tuesday" className={inputClass} aria-describedby="schedule-errors" />
              <FieldErrors id="schedule-errors" errors={errorsFor("schedule").schedule ?? undefined} />
              <label htmlFor="nextMeetingOn" className="mt-2 block font-medium">
                Next meeting (optional)
              </label>
              <input id="nextMeetingOn" name="nextMeetingOn" type="date" defaultValue={valueFor("schedule", "nextMeetingOn") ?? space.nextMeetingOn ?? ""} className={inputClass} aria-describedby="nextMeetingOn-errors" aria-invalid={errorsFor("schedule").nextMeetingOn ? true : undefined} />
              <FieldErrors id="nextMeetingOn-errors" errors={errorsFor("schedule").nextMeetingOn ?? undefined} />
              <SubmitButton className="mt-3" variant="secondary" pendingText="Saving…">
                Save the schedule
              </SubmitButton>
            </Form>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="goals-title" className="mt-6 rounded-lg border border-stone-200 bg-stone-50 p-4">
        <h2 id="goals-title" className="text-xl font-semibold">
          Shared goals
        </h2>
        <p className="mt-1 text-stone-700">
          Each of you chooses which of your own goals to share here (the other is told), and can take one back at any time. Shared goals show only in this space.
        </p>
        {(
          [
            ["yours", "Your goals", myGoals],
            ["theirs", `${other.name}’s goals`, theirGoals],
          ] as const
        ).map(([key, label, goals]) => (
          <div key={key} className="mt-3">
            <h3 className="font-semibold">{label}</h3>
            {goals.length === 0 ? (
              <p className="mt-1 text-stone-700">
                {key === "yours"
                  ? "You have not shared any goals here."
                  : `${other.name} has not shared any goals here. Their goals show only if they choose to share them.`}
              </p>
            ) : (
              <ul className="mt-2 space-y-2">
                {goals.map((goal) => (
                  <SharedGoalCard key={goal.id} goal={goal} canTakeBack />
                ))}
              </ul>
            )}
          </div>
        ))}
        {space.canTakePart ? (
          shareable.length > 0 ? (
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="share-goal" />
              <FieldErrors id="share-form-errors" errors={errorsFor("share-goal")[""] ?? undefined} />
              <label htmlFor="goalId" className="block font-medium">
                Share one of your goals with {other.name}
              </label>
              <p id="goalId-description" className="text-sm text-stone-600">
                Your open goals, and those that ended in the last three months. {other.name} will see its measure, date, status and progress notes.
              </p>
              <select id="goalId" name="goalId" required defaultValue={valueFor("share-goal", "goalId") ?? ""} aria-describedby="goalId-description goalId-errors" aria-invalid={errorsFor("share-goal").goalId ? true : undefined} className={inputClass}>
                <option value="" disabled>
                  Choose a goal
                </option>
                {shareable.map((goal) => (
                  <option key={goal.id} value={goal.id}>
                    {goal.title}
                  </option>
                ))}
              </select>
              <FieldErrors id="goalId-errors" errors={errorsFor("share-goal").goalId ?? undefined} />
              <SubmitButton className="mt-3" variant="secondary" pendingText="Sharing…">
                Share this goal
              </SubmitButton>
            </Form>
          ) : myGoals.length === 0 ? (
            <p className="mt-3 text-stone-700">
              You have no open goals to share. <Link to="/me/goals/new">Write a goal</Link>
            </p>
          ) : null
        ) : space.status === "ENDED" ? (
          <p className="mt-3 text-stone-700">This mentorship has ended: no more goals can be shared, and the goals show as they stood when it ended.</p>
        ) : null}
      </section>

      <section aria-labelledby="conversation-title" className="mt-6">
        <h2 id="conversation-title" className="text-xl font-semibold">
          Conversation
        </h2>
        <p className="mt-1 text-sm text-stone-600">Times are in your time zone ({timeZone}).</p>
        {space.olderThan ? (
          <p className="mt-2">
            <Link to={`${mentorshipPath(space.id)}?before=${encodeURIComponent(space.olderThan)}#conversation-title`}>Show older messages</Link>
          </p>
        ) : null}
        {space.olderPage ? (
          <p className="mt-2">
            You are reading older messages. <Link to={`${mentorshipPath(space.id)}#conversation-title`}>Back to the latest messages</Link>
          </p>
        ) : null}
        {space.messages.length === 0 ? <p className="mt-2 text-stone-700">{space.olderPage ? "No older messages." : "No messages yet. Say hello and agree how you will work together."}</p> : null}
        <ol className="mt-3 space-y-3">
          {space.messages.map((message) => (
            <li key={message.id} id={`message-${message.id}`} className={`rounded-lg border p-3 ${message.mine ? "border-brand-100 bg-brand-50" : "border-stone-200 bg-white"}`}>
              <p className="text-sm text-stone-600">
                <span className="font-semibold text-stone-900">{message.mine ? "You" : message.authorName}</span> · {message.writtenAt}
              </p>
              <div className="prose-content mt-1 break-words text-stone-900" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
              {!message.mine ? (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-stone-700">Report this message</summary>
                  <Form method="post" className="mt-2">
                    <input type="hidden" name="intent" value="report" />
                    <input type="hidden" name="messageId" value={message.id} />
                    <label htmlFor={`report-${message.id}`} className="block">
                      What is wrong (optional; only site administrators read it)
                    </label>
                    <input id={`report-${message.id}`} name="note" type="text" maxLength={REPORT_NOTE_MAX} className={inputClass} />
                    <SubmitButton className="mt-2" variant="secondary">
                      Report to the site administrators
                    </SubmitButton>
                  </Form>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
        {space.canTakePart ? (
          // Keyed on the newest message: a sent message empties the box (the page stays mounted).
          <Form method="post" className="mt-4" key={space.messages.at(-1)?.id ?? "none"}>
            <input type="hidden" name="intent" value="message" />
            <FieldErrors id="message-form-errors" errors={errorsFor("message")[""] ?? undefined} />
            <TextArea id="body" name="body" label="Your message" description="Markdown works: **bold**, lists, links." max={MESSAGE_MAX} rows={5} required errors={errorsFor("message").body ?? undefined} defaultValue={valueFor("message", "body")} />
            <SubmitButton className="mt-3" pendingText="Sending…">
              Send
            </SubmitButton>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="profiles-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="profiles-title" className="text-xl font-semibold">
          On your profiles
        </h2>
        <p className="mt-1 text-stone-700">
          {space.youShow && space.otherShows
            ? "You both agreed: this mentorship shows on both your profiles."
            : space.youShow
              ? `You agreed to show this mentorship on both profiles; it shows once ${other.name} agrees too.`
              : space.otherShows
                ? `${other.name} would like to show this mentorship on both profiles. It shows only if you agree.`
                : "This mentorship shows on your profiles only if you both agree."}
        </p>
        <Form method="post" className="mt-2">
          {space.youShow ? (
            <SubmitButton name="intent" value="hide" variant="secondary">
              Don't show it on the profiles
            </SubmitButton>
          ) : (
            <SubmitButton name="intent" value="show" variant="secondary">
              Agree to show it on both profiles
            </SubmitButton>
          )}
        </Form>
      </section>

      {space.status === "ENDED" ? (
        <section aria-labelledby="reflections-title" className="mt-8">
          <h2 id="reflections-title" className="text-xl font-semibold">
            Reflections
          </h2>
          <dl className="mt-2 space-y-3">
            {([["mentee", space.mentee.name], ["mentor", space.mentor.name]] as const).map(([side, name]) =>
              space.reflections[side] ? (
                <div key={side}>
                  <dt className="font-medium">{side === space.side ? "You" : name}</dt>
                  <dd className="whitespace-pre-line text-stone-800">{space.reflections[side]}</dd>
                </div>
              ) : null,
            )}
          </dl>
          {!space.yourReflection ? (
            <Form method="post" className="mt-4">
              <input type="hidden" name="intent" value="end" />
              <TextArea id="reflection" name="reflection" label="Your reflection" description="What you learned, what worked." max={REFLECTION_MAX} rows={4} required errors={errorsFor("end").reflection ?? undefined} defaultValue={valueFor("end", "reflection")} />
              <SubmitButton className="mt-3" pendingText="Saving…">
                Save my reflection
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : space.canTakePart ? (
        <section aria-labelledby="end-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="end-title" className="text-xl font-semibold">
            End the mentorship
          </h2>
          <p className="mt-1 text-stone-700">Either of you can end it. The space stays for you both to read; {other.name} may add their own reflection.</p>
          <Form method="post" className="mt-2">
            <input type="hidden" name="intent" value="end" />
            <FieldErrors id="end-form-errors" errors={errorsFor("end")[""] ?? undefined} />
            <TextArea id="reflection" name="reflection" label="A short reflection" description="What you learned, what worked, what you would do differently." max={REFLECTION_MAX} rows={4} required errors={errorsFor("end").reflection ?? undefined} defaultValue={valueFor("end", "reflection")} />
            <SubmitButton className="mt-3" variant="danger" pendingText="Ending…">
              End the mentorship
            </SubmitButton>
          </Form>
        </section>
      ) : null}
      <p className="mt-8">
        <Link to="/mentoring">Back to mentoring</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Mentoring space · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
