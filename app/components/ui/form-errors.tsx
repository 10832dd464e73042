import { useEffect, useRef } from "react";

/**
 * What went wrong with a form, at its top: errors about the whole form, and
 * (given `fieldErrors`) every field's message as a link to that field — the
 * error summary long forms need, where a field's own message can sit far
 * below the button that was pressed. When it appears with field errors,
 * focus moves to it, so keyboard and screen-reader users start from the list;
 * without JavaScript the page comes back from the server with it at the top.
 */
export function FormErrors({
  id,
  errors,
  fieldErrors,
  fieldTarget = (name) => name,
  focusKey,
}: {
  id: string;
  errors?: string[];
  /** Messages by field name, in the order the fields come on the page. */
  fieldErrors?: Record<string, string[] | null | undefined>;
  /** The id of the element a field's link moves to (default: the field name). */
  fieldTarget?: (name: string) => string;
  /** Focus moves to the summary when this changes (the answer to a submission); by default, when the messages change. */
  focusKey?: unknown;
}) {
  const fields = Object.entries(fieldErrors ?? {}).flatMap(([name, messages]) =>
    messages?.length ? [{ name, message: messages[0]! }] : [],
  );
  const ref = useRef<HTMLDivElement>(null);
  const signature = fields.map((field) => `${field.name}:${field.message}`).join("|");
  const trigger = focusKey === undefined ? signature : focusKey;
  useEffect(() => {
    if (signature) ref.current?.focus();
    // Only a new submission's answer moves focus, not a message changing as the member types.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trigger]);
  if (!errors?.length && fields.length === 0) return <div id={id} />;
  if (fields.length === 0) {
    return (
      <div id={id} role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
        {errors!.map((error) => (
          <p key={error}>{error}</p>
        ))}
      </div>
    );
  }
  return (
    <div
      id={id}
      ref={ref}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      className="mt-4 rounded-md border-2 border-red-700 bg-red-50 p-4 text-red-900 focus:outline-4 focus:outline-red-700"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {fields.length === 1 ? "There is a problem" : `There are ${fields.length} problems`}
      </h2>
      {errors?.map((error) => (
        <p key={error} className="mt-1">
          {error}
        </p>
      ))}
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {fields.map((field) => (
          <li key={field.name}>
            <a href={`#${fieldTarget(field.name)}`} className="text-red-900 underline">
              {field.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The summary for a Conform form, from the server's answer to a submission
 * (`lastResult`): what a member without JavaScript gets back, and whatever
 * only the server can check. With JavaScript, Conform checks the fields first
 * and moves focus to the first invalid one itself.
 */
export function FormErrorSummary({
  form,
  lastResult,
}: {
  form: { id: string; errorId: string; errors?: string[] };
  lastResult: { error?: Record<string, string[] | null> | null } | null | undefined;
}) {
  const { "": _formLevel, ...fields } = lastResult?.error ?? {};
  return (
    <FormErrors
      id={form.errorId}
      errors={form.errors}
      fieldErrors={fields}
      // Conform names a field's element "<form id>-<name>"; a list item's message goes to its list.
      fieldTarget={(name) => `${form.id}-${name.replace(/[[.].*$/, "")}`}
      focusKey={lastResult}
    />
  );
}
