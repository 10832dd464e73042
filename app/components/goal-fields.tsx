// The fields of a development goal (what, how they will know, by when, which areas), shared by the
// new-goal page and the goal's edit form.
import { getCollectionProps, getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmitButton } from "~/components/ui/button";
import { CheckboxGroupField } from "~/components/ui/choice-fields";
import { FieldErrors, Frame, inputClass, TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";

export type GoalFieldValues = { title: string; outcome: string; dueOn: string; areas: string[] };

export function GoalForm({
  id,
  lastResult,
  defaultValue,
  constraint,
  areaChoices,
  submitLabel,
  intent,
  children,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: GoalFieldValues;
  constraint: Constraints;
  areaChoices: { value: string; label: string }[];
  submitLabel: string;
  intent?: string;
  children?: ReactNode;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint,
    ...useLazyValidation(() => import("~/domain/goals/schemas").then((m) => m.goalSchema)),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4">
      <FormErrors id={form.errorId} errors={form.errors} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {children}
      <TextField
        meta={fields.title}
        label="What will you do?"
        description="One sentence, starting with what you will do: “Run a needs assessment for the spring cardiology series”."
        className="mt-0"
      />
      <TextAreaField
        meta={fields.outcome}
        rows={3}
        label="How will you know? (a measurable outcome)"
        description="Something you or others can see or count: “A written needs assessment reviewed by our planning committee”."
      />
      <Frame meta={fields.dueOn} label="By when?" description="A date on your own calendar. We remind you a week before, if you want reminders.">
        <input {...getInputProps(fields.dueOn, { type: "date", ariaDescribedBy: fields.dueOn.descriptionId })} key={fields.dueOn.key} className={`${inputClass} sm:max-w-xs`} />
      </Frame>
      {areaChoices.length ? (
        <CheckboxGroupField
          meta={fields.areas}
          legend="Competency areas this goal builds"
          description="Your goal shows beside these areas on your competency profile."
          options={areaChoices}
        />
      ) : null}
      <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Saving…">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}

/** A fieldset of radio choices, each with a line of description (how a goal ended, a check-in's answer). */
export function RadioChoices({
  meta,
  legend,
  options,
}: {
  meta: FieldMetadata<string | undefined>;
  legend: ReactNode;
  options: readonly { value: string; label: string; description: string }[];
}) {
  return (
    <fieldset className="mt-4" aria-describedby={meta.errorId}>
      <legend className="font-medium">{legend}</legend>
      <ul className="mt-2 space-y-2">
        {getCollectionProps(meta, { type: "radio", options: options.map((option) => option.value) }).map(({ key, ...props }, index) => {
          const option = options[index]!;
          return (
            <li key={key} className="flex items-start gap-3 rounded-lg border border-stone-200 bg-white p-3">
              <input {...props} className="mt-1 h-4 w-4 shrink-0 accent-brand-700" />
              <label htmlFor={props.id} className="min-w-0">
                <span className="font-medium">{option.label}</span>
                <span className="block text-sm text-stone-600">{option.description}</span>
              </label>
            </li>
          );
        })}
      </ul>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
