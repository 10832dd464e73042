// /settings/profile: a member edits their own profile and chooses who sees each section.
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
  type FieldMetadata,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { CheckboxGroupField, SelectField } from "~/components/ui/choice-fields";
import { FormErrorSummary } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { INSIGHT_MIN_GROUP } from "~/domain/insight/policy";
import {
  ACCREDITATION_SYSTEM_OPTIONS,
  BACKGROUND_OPTIONS,
  CAREER_LEVEL_OPTIONS,
  CREDENTIAL_OPTIONS,
  ORGANIZATION_TYPE_OPTIONS,
  ROLE_ARCHETYPE_OPTIONS,
  VISIBILITY_OPTIONS,
} from "~/domain/members/profile-options";
import { BIO_MAX, HANDLE_MAX, HANDLE_MIN, OTHER_CREDENTIALS_MAX } from "~/domain/members/constants";
import { profileFormSchema } from "~/domain/members/profile-schemas";
import { getOwnProfileForEdit, updateProfile } from "~/domain/members/profiles.server";
import { requireMember } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return { profile: await getOwnProfileForEdit(actor.userId), constraint: formConstraint(profileFormSchema) };
}

export async function action({ request }: ActionFunctionArgs) {
  // Members edit only their own profile: the target is always the actor's.
  const actor = await requireMember(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: profileFormSchema });
  if (submission.status !== "success") return submission.reply();
  const result = await updateProfile(actor, submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  return redirect(`/members/${result.value.handle}`);
}

const fieldsetClass = "mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5";
const legendClass = "px-1 text-lg font-semibold";
const inputClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid]:border-red-700 focus:border-brand-700";

/** Each section's "who can see this" choice: always set, so no empty option. */
function VisibilitySelect({
  meta,
  label = "Who can see this section?",
}: {
  meta: FieldMetadata<string | undefined>;
  label?: string;
}) {
  return (
    <div className="mt-5 border-t border-stone-200 pt-4">
      <label htmlFor={meta.id} className="block font-medium">
        {label}
      </label>
      <p id={meta.descriptionId} className="text-sm text-stone-600">
        Public: anyone, even without signing in. Members only: people signed in to CME Commons. Only me: just you.
      </p>
      <select
        {...getSelectProps(meta, { ariaDescribedBy: meta.descriptionId })}
        key={meta.key}
        className={`${inputClass} sm:max-w-xs`}
      >
        {VISIBILITY_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

function Section({ legend, intro, children }: { legend: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className={fieldsetClass}>
      <legend className={legendClass}>{legend}</legend>
      {intro ? <p className="text-sm text-stone-600">{intro}</p> : null}
      {children}
    </fieldset>
  );
}

export default function ProfileSettings() {
  const { profile, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: profile,
    constraint,
    ...useLazyValidation(() => import("~/domain/members/profile-schemas").then((m) => m.profileFormSchema)),
  });
  const credentials = fields.credentials;

  return (
    <section aria-labelledby="profile-title" className="max-w-2xl">
      <h2 id="profile-title" className="text-2xl font-semibold">
        Your profile
      </h2>
      <p className="mt-2 text-stone-700">
        Tell other members about your work. Everything except your name and handle is optional, and you decide who
        sees each part. Your email address is never shown on your profile.
      </p>

      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrorSummary form={form} lastResult={lastResult} />

        <Section
          legend="Name and handle"
          intro="Always visible to everyone, so people know who wrote your posts and comments."
        >
          <TextField meta={fields.displayName} label="Your name" autoComplete="name" />
          <TextField
            meta={fields.handle}
            label="Handle"
            autoComplete="off"
            description={`Your profile’s address: /members/your-handle. Use ${HANDLE_MIN} to ${HANDLE_MAX} lowercase letters, numbers and hyphens.`}
          />
        </Section>

        <Section legend="Professional details">
          <TextField meta={fields.jobTitle} label="Job title" autoComplete="organization-title" />
          <TextField meta={fields.organization} label="Organization" autoComplete="organization" />
          <SelectField
            meta={fields.organizationType}
            label="Type of organization"
            options={ORGANIZATION_TYPE_OPTIONS}
            placeholder="Not saying"
          />
          <SelectField
            meta={fields.roleArchetype}
            label="Which describes your work best?"
            options={ROLE_ARCHETYPE_OPTIONS}
            placeholder="Not saying"
          />
          <SelectField
            meta={fields.careerLevel}
            label="Career level"
            options={CAREER_LEVEL_OPTIONS}
            placeholder="Not saying"
          />
          <VisibilitySelect meta={fields.professionalVisibility} />
        </Section>

        <Section legend="Background">
          <SelectField
            meta={fields.background}
            label="What did you do before CME/CE?"
            options={BACKGROUND_OPTIONS}
            placeholder="Not saying"
          />
          <TextField
            meta={fields.yearsInField}
            label="Years working in CME/CE"
            type="number"
            description="A whole number from 0 to 60."
            className="mt-4 sm:max-w-xs"
          />
          <CheckboxGroupField meta={credentials} legend="Credentials" options={CREDENTIAL_OPTIONS} layout="list" />
          <TextField
            meta={fields.otherCredentials}
            label="Other credentials"
            description={`Separate them with commas, for example: FACEHP, MBA. Up to ${OTHER_CREDENTIALS_MAX}.`}
          />
          <SelectField
            meta={fields.accreditationSystem}
            label="Accreditation system you work with"
            options={ACCREDITATION_SYSTEM_OPTIONS}
            placeholder="Not saying"
          />
          <VisibilitySelect meta={fields.backgroundVisibility} />
        </Section>

        <Section legend="About">
          <TextAreaField
            meta={fields.bio}
            label="About you"
            rows={8}
            description={`A few words about your work and interests. Markdown works: **bold**, *italic*, lists and links. Up to ${BIO_MAX.toLocaleString("en-US")} characters.`}
          />
          <VisibilitySelect meta={fields.bioVisibility} />
        </Section>

        <Section legend="Competency summary">
          <p className="text-stone-700">
            Your profile can show the stage you gave yourself in each competency area in your latest submitted
            self-assessment, with the date and framework version. That is all it shows. Your targets, evidence notes and
            links, earlier assessments and any draft in progress are never shown on your profile, whatever you choose
            here.
          </p>
          <p className="mt-2 text-sm text-stone-600">
            <Link to="/me/competencies">See your full competency profile</Link> (only you can see it).
          </p>
          <VisibilitySelect meta={fields.competencyVisibility} label="Who can see your competency summary?" />
        </Section>

        <Section legend="Association insight">
          <div className="flex items-start gap-3">
            <input
              {...getInputProps(fields.countInInsight, {
                type: "checkbox",
                value: "on",
                ariaDescribedBy: fields.countInInsight.descriptionId,
              })}
              key={fields.countInInsight.key}
              className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
            />
            <div>
              <label htmlFor={fields.countInInsight.id} className="font-medium">
                Count my self-assessed stages, without my name, in the insight of associations I belong to
              </label>
              <p id={fields.countInInsight.descriptionId} className="text-sm text-stone-600">
                The owner and moderators of your associations see how many members place themselves at each stage, per
                competency area. Your stages are only ever added up with those of other members, and a figure is shown
                only when at least {INSIGHT_MIN_GROUP} members make it up, so no one can pick out yours. Your evidence and
                targets are never part of it. Untick the box to leave your assessments out.
              </p>
            </div>
          </div>
          <FieldErrors id={fields.countInInsight.errorId} errors={fields.countInInsight.errors} />
          <div className="mt-4 flex items-start gap-3">
            <input
              {...getInputProps(fields.commitmentsInInsight, {
                type: "checkbox",
                value: "on",
                ariaDescribedBy: fields.commitmentsInInsight.descriptionId,
              })}
              key={fields.commitmentsInInsight.key}
              className="mt-1 h-5 w-5 shrink-0 accent-brand-700"
            />
            <div>
              <label htmlFor={fields.commitmentsInInsight.id} className="font-medium">
                Count how my commitments to change went, without my name, in the same insight
              </label>
              <p id={fields.commitmentsInInsight.descriptionId} className="text-sm text-stone-600">
                Off unless you tick it. For each pathway, your associations would see what share of commitments made on its steps
                were carried out at the 90-day check-in, only when at least {INSIGHT_MIN_GROUP} members make up the figure. Your
                commitments, answers and what got in the way are never shown to anyone.
              </p>
            </div>
          </div>
          <FieldErrors id={fields.commitmentsInInsight.errorId} errors={fields.commitmentsInInsight.errors} />
        </Section>

        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Saving your profile…">
          Save profile
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Profile · Settings · CME Commons" }];
