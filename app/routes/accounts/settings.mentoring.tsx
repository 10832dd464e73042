// /settings/mentoring: offer to mentor (areas, how many at once, a note) and/or
// ask for a mentor (areas, defaulting to the member's gaps; what they hope for).
// Both off by default, each can be paused.
import { getCollectionProps, getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { CheckboxGroupField } from "~/components/ui/choice-fields";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { getMentoringSettings, saveMentoringSettings } from "~/domain/mentoring/preferences.server";
import { MENTOR_CAPACITY_MAX } from "~/domain/mentoring/constants";
import { mentoringSettingsSchema } from "~/domain/mentoring/schemas";
import { requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { formFailure } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const settings = await getMentoringSettings(actor.userId);
  return {
    ...settings,
    areas: settings.areas.map((area) => ({ value: area.value, label: area.name })),
    gapNames: settings.areas.filter((area) => area.stage !== null && area.target !== null && area.target > area.stage).map((area) => area.name),
    constraint: formConstraint(mentoringSettingsSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const submission = parseWithZod(await readForm(request), { schema: mentoringSettingsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await saveMentoringSettings(actor.userId, submission.value);
  if (!saved.ok) return formFailure(saved, submission.reply({ fieldErrors: saved.fieldErrors ?? {} }));
  return redirectWithFlash("/settings/mentoring", "Saved your mentoring settings.");
}

const STATES = [
  { value: "off", label: "Off" },
  { value: "on", label: "On" },
  { value: "paused", label: "Paused: keep my choices, but take me out of suggestions for now" },
] as const;

function OnOffField({ meta, legend }: { meta: FieldMetadata<string | undefined>; legend: string }) {
  return (
    <fieldset aria-describedby={meta.errorId} className="mt-2">
      <legend className="font-medium">{legend}</legend>
      <ul className="mt-1 space-y-1">
        {getCollectionProps(meta, { type: "radio", options: STATES.map((state) => state.value) }).map(({ key, ...props }, index) => (
          <li key={key} className="flex items-start gap-2">
            <input {...props} className="mt-1 h-4 w-4 shrink-0 accent-brand-700" />
            <label htmlFor={props.id}>{STATES[index]!.label}</label>
          </li>
        ))}
      </ul>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export default function MentoringSettings() {
  const settings = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      offer: settings.offer,
      offerAreas: settings.offerAreas,
      capacity: String(settings.capacity),
      offerNote: settings.offerNote,
      seek: settings.seek,
      seekAreas: settings.seekAreas,
      hopes: settings.hopes,
    },
    constraint: settings.constraint,
    ...useLazyValidation(() => import("~/domain/mentoring/schemas").then((m) => m.mentoringSettingsSchema)),
  });
  return (
    <section aria-labelledby="mentoring-title" className="max-w-2xl">
      <h2 id="mentoring-title" className="text-2xl font-semibold">
        Mentoring
      </h2>
      <p className="mt-2 text-stone-700">
        Offer to mentor colleagues in the areas you know well, ask for a mentor in the areas where you want to grow, or
        both. Suggestions and requests are on <Link to="/mentoring">your mentoring page</Link>.
      </p>
      {!settings.hasAssessment ? (
        <p className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3">
          Mentoring works from your latest self-assessment: the areas you mentor or want to grow in are its areas.{" "}
          <Link to="/me/assessment">Take your self-assessment</Link> first.
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <fieldset className="rounded-lg border border-stone-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold">Offer to mentor</legend>
            <OnOffField meta={fields.offer} legend="Offering to mentor" />
            <CheckboxGroupField
              meta={fields.offerAreas}
              legend="Areas you will mentor in"
              description="Members looking for a mentor in these areas will see your latest self-assessed stage in them, and only in them. Nothing else of your self-assessment is shown."
              options={settings.areas}
            />
            <TextField
              meta={fields.capacity}
              type="number"
              label="How many mentees at once"
              description={`From 1 to ${MENTOR_CAPACITY_MAX}. You mentor ${settings.activeMentees} now; at your number you are no longer suggested.`}
            />
            <TextAreaField meta={fields.offerNote} rows={3} label="A short note for members looking for a mentor (optional)" />
          </fieldset>

          <fieldset className="mt-6 rounded-lg border border-stone-200 bg-white p-4">
            <legend className="px-1 text-lg font-semibold">Ask for a mentor</legend>
            <OnOffField meta={fields.seek} legend="Asking for a mentor" />
            <CheckboxGroupField
              meta={fields.seekAreas}
              legend="Areas you want to grow in"
              description={
                settings.seekAreasAreGaps && settings.gapNames.length > 0
                  ? "Ticked for you: the areas where your target is above your latest stage."
                  : "Where you want to grow; your gaps are the areas where your target is above your latest stage."
              }
              options={settings.areas}
            />
            <TextAreaField meta={fields.hopes} rows={3} label="What you hope for (optional)" description="Shown to the mentors you ask." />
          </fieldset>
          <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Saving…">
            Save mentoring settings
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Mentoring · Settings · CME Commons" }];
