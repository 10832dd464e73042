// Fields with choices (a select, a group of checkboxes) and the sign-up forms' honeypot: a module of
// their own, so that pages with only text fields (the thread page's reply) do not load them.
import { getCollectionProps, getSelectProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldErrors, Frame, inputClass, type FieldBaseProps } from "./field";

export function SelectField({
  meta,
  options,
  placeholder = "Choose…",
  ...frame
}: FieldBaseProps & {
  meta: FieldMetadata<string | undefined | null>;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <Frame meta={meta as FieldMetadata<unknown>} {...frame}>
      <select
        {...getSelectProps(meta, { ariaDescribedBy: frame.description ? meta.descriptionId : undefined })}
        key={meta.key}
        className={inputClass}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** The honeypot: hidden from people and screen readers; bots fill it in. */
export function Honeypot() {
  return (
    <div className="absolute -left-[9999px] h-px w-px overflow-hidden" aria-hidden="true">
      <label htmlFor="website">Leave this field empty</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

/**
 * A group of checkboxes for a list field (several areas, roles, credentials):
 * a fieldset with its legend, and the errors of the list and of its items
 * (Conform reports a problem with one box as `field[n]`).
 */
export function CheckboxGroupField({
  meta,
  legend,
  description,
  options,
  layout = "grid",
}: {
  meta: FieldMetadata<string[] | undefined>;
  legend: ReactNode;
  description?: ReactNode;
  options: readonly { value: string; label: string }[];
  /** Two columns from small screens up, or one list. */
  layout?: "grid" | "list";
}) {
  return (
    <fieldset className="mt-4" aria-describedby={meta.errorId}>
      <legend className="font-medium">{legend}</legend>
      {description ? <p className="text-sm text-stone-600">{description}</p> : null}
      <ul className={layout === "grid" ? "mt-1 grid gap-2 sm:grid-cols-2" : "mt-1 space-y-2"}>
        {getCollectionProps(meta, { type: "checkbox", options: options.map((option) => option.value) }).map(
          ({ key, ...props }, index) => (
            <li key={key} className="flex items-start gap-2">
              <input {...props} className="mt-1 h-4 w-4 shrink-0 accent-brand-700" />
              <label htmlFor={props.id}>{options[index]?.label}</label>
            </li>
          ),
        )}
      </ul>
      <FieldErrors id={meta.errorId} errors={Object.values(meta.allErrors).flat()} />
    </fieldset>
  );
}
