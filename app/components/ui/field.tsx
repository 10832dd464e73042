import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

export const inputClass =
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

export type FieldBaseProps = { label: ReactNode; description?: ReactNode; className?: string };

export function Frame({ label, description, meta, children, className }: FieldBaseProps & { meta: FieldMetadata<unknown>; children: ReactNode }) {
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
  inputMode,
  ...frame
}: FieldBaseProps & {
  meta: FieldMetadata<string | number | undefined | null>;
  type?: "text" | "email" | "password" | "url" | "number" | "search" | "date";
  autoComplete?: string;
  /** The phone keyboard to show ("decimal" for an amount typed as text). */
  inputMode?: "decimal" | "numeric";
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
        inputMode={inputMode}
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
