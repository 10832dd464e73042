import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

const inputClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm aria-[invalid]:border-red-700 focus:border-brand-700";

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} className="mt-1 text-sm text-red-800">
      {errors?.map((error) => (
        <p key={error}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ))}
    </div>
  );
}

type FieldBaseProps = { label: ReactNode; description?: ReactNode; className?: string };

function Frame({ label, description, meta, children, className }: FieldBaseProps & { meta: FieldMetadata<unknown>; children: ReactNode }) {
  return (
    <div className={className ?? "mt-4"}>
      <label htmlFor={meta.id} className="block font-medium">
        {label}
      </label>
      {description ? (
        <p id={meta.descriptionId} className="text-sm text-stone-600">
          {description}
        </p>
      ) : null}
      {children}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextField({
  meta,
  type = "text",
  autoComplete,
  ...frame
}: FieldBaseProps & {
  meta: FieldMetadata<string | number | undefined | null>;
  type?: "text" | "email" | "password" | "url" | "number" | "search";
  autoComplete?: string;
}) {
  return (
    <Frame meta={meta as FieldMetadata<unknown>} {...frame}>
      <input
        {...getInputProps(meta, {
          type,
          ariaDescribedBy: frame.description ? meta.descriptionId : undefined,
        })}
        key={meta.key}
        autoComplete={autoComplete}
        className={inputClass}
      />
    </Frame>
  );
}

export function TextAreaField({
  meta,
  rows = 6,
  ...frame
}: FieldBaseProps & { meta: FieldMetadata<string | undefined | null>; rows?: number }) {
  return (
    <Frame meta={meta as FieldMetadata<unknown>} {...frame}>
      <textarea
        {...getTextareaProps(meta, { ariaDescribedBy: frame.description ? meta.descriptionId : undefined })}
        key={meta.key}
        rows={rows}
        className={inputClass}
      />
    </Frame>
  );
}

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
