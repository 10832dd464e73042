// /settings/time-zone — the member's time zone: goals' dates, check-ins "in 30 days" and reminders
// are counted on their calendar. UTC until chosen; with JavaScript the browser's zone is proposed.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TimeZoneSelect } from "~/components/time-zone-select";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { timeZoneSchema } from "~/domain/goals/schemas";
import { changeTimeZone } from "~/domain/goals/time-zone.server";
import { getTimeZoneSetting, timeZoneChoices } from "~/domain/members/time-zone.server";
import { requireMember } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { notFound } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const setting = await getTimeZoneSetting(actor.userId);
  return { ...setting, choices: timeZoneChoices() };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: timeZoneSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // Unanswered check-ins and pending reminders move with the zone, in the same transaction.
  if (!(await changeTimeZone(actor.userId, submission.value.timeZone, now()))) throw notFound();
  // The question on home comes back to home.
  return redirectWithFlash(form.get("from") === "home" ? "/home" : "/settings/time-zone", `Saved. Your dates are now on ${submission.value.timeZone} time.`);
}

export default function TimeZoneSettings() {
  const { timeZone, confirmed, choices } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const error = reply?.error?.timeZone;
  return (
    <section aria-labelledby="time-zone-title" className="max-w-2xl">
      <h2 id="time-zone-title" className="text-2xl font-semibold">
        Time zone
      </h2>
      <p className="mt-2 text-stone-700">
        Your goals’ dates, your check-ins (30 and 90 days after a commitment) and your reminders follow your calendar in this time
        zone.{confirmed ? null : " You have not chosen one yet, so we use UTC."}
      </p>
      <Form method="post" className="mt-4">
        <input type="hidden" name="intent" value="time-zone" />
        <label htmlFor="time-zone" className="block font-medium">
          Your time zone
        </label>
        <TimeZoneSelect
          id="time-zone"
          value={timeZone}
          choices={choices}
          proposeFromBrowser={!confirmed}
          describedBy="time-zone-error"
          invalid={Boolean(error)}
        />
        <FieldErrors id="time-zone-error" errors={error ?? undefined} />
        <SubmitButton className="mt-4 w-full sm:w-auto" pendingText="Saving…">
          Save time zone
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Time zone · Settings · CME Commons" }];
