// The form of a CHCP log entry, for adding and editing: kind, date, hours or
// years, description, evidence. The kinds and their units come from the rule
// set, through the loader.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { SubmitButton } from "~/components/ui/button";
import { SelectField } from "~/components/ui/choice-fields";
import { TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";

export type KindOption = { value: string; label: string; unit: "hours" | "years" | "none"; hint: string };

export type EntryDefaults = {
  kind: string;
  occurredOn: string;
  hours: string;
  years: string;
  description: string;
  evidence: string;
  completion: string;
};

const UNIT_WORD = { hours: "hours", years: "years", none: "no amount" } as const;

export function EntryForm({
  id,
  kinds,
  defaults,
  constraint,
  lastResult,
  submitLabel,
  children,
}: {
  id: string;
  kinds: KindOption[];
  defaults: EntryDefaults;
  constraint: Constraints;
  lastResult: SubmissionResult<string[]> | undefined;
  submitLabel: string;
  /** Extra content at the top of the form (where a step's entry comes from). */
  children?: ReactNode;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: defaults,
    constraint,
    ...useLazyValidation(() => import("~/domain/credentials/schemas").then((m) => m.entrySchema)),
  });
  const unitsText = (unit: KindOption["unit"]) =>
    kinds
      .filter((kind) => kind.unit === unit)
      .map((kind) => kind.label.charAt(0).toLowerCase() + kind.label.slice(1))
      .join(", ");
  return (
    <Form method="post" {...getFormProps(form)} className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
      <FormErrors
        id={form.errorId}
        errors={form.errors}
        fieldErrors={{
          kind: fields.kind.errors,
          occurredOn: fields.occurredOn.errors,
          hours: fields.hours.errors,
          years: fields.years.errors,
          description: fields.description.errors,
          evidence: fields.evidence.errors,
        }}
        fieldTarget={(name) => {
          const ids: Record<string, string> = {
            kind: fields.kind.id,
            occurredOn: fields.occurredOn.id,
            hours: fields.hours.id,
            years: fields.years.id,
            description: fields.description.id,
            evidence: fields.evidence.id,
          };
          return ids[name] ?? name;
        }}
        focusKey={lastResult}
      />
      {children}
      <input {...getInputProps(fields.completion, { type: "hidden" })} key={fields.completion.key} />
      <SelectField
        meta={fields.kind}
        label="Kind of activity"
        description="You decide what each activity is; the Alliance decides what counts. Clinical or job-function training does not count as informal education."
        options={kinds.map((kind) => ({ value: kind.value, label: `${kind.label} (${UNIT_WORD[kind.unit]})` }))}
        className="mt-0"
      />
      <TextField meta={fields.occurredOn} type="date" label="Date" description="The day it happened, or the day a period started." />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          meta={fields.hours}
          inputMode="decimal"
          label="Hours"
          description={`For ${unitsText("hours")}. For example 1.5.`}
        />
        <TextField
          meta={fields.years}
          inputMode="decimal"
          label="Years"
          description={`For ${unitsText("years")}. For example 0.5 for six months.`}
        />
      </div>
      <p className="mt-2 text-sm text-stone-600">A {unitsText("none").replace(", ", " or ")} needs neither hours nor years.</p>
      <TextAreaField meta={fields.description} label="Description" description="What you did, in a sentence." rows={2} />
      <TextAreaField
        meta={fields.evidence}
        label="Evidence (optional)"
        description="A link starting with https://, or a note saying where the proof is (a certificate, an email, a programme)."
        rows={2}
      />
      <SubmitButton className="mt-5" name="intent" value="save" pendingText="Saving…">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
