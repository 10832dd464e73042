// Client-side validation with the page's zod schema, loaded after the page.
//
// The same schema validates in the browser and on the server (STYLE.md), but
// zod and Conform's zod adapter weigh about 38 KB gzip: on every form page
// that broke the first-load JavaScript budget (110 KB). So the route's
// component imports neither. The loader hands over the HTML constraints
// (`getZodConstraint`, rendered as `required`, `maxlength`… so the form works
// without JavaScript), and this hook fetches the schema with a dynamic import
// once the page has hydrated. Until it arrives the form validates on submit,
// on the server, exactly as it does without JavaScript; after that it
// validates as the member types.
//
// While any form's schema is on its way, the document carries
// `data-form-checks="loading"` ("ready" once none is): end-to-end tests that
// submit an incomplete form wait for it (formChecksReady in tests/e2e/people.ts),
// so they see the form's own check and not, some of the time, the server's.
import type { Submission } from "@conform-to/react";
import { useEffect, useLayoutEffect, useState } from "react";
import type { z } from "zod";

/** What `getZodConstraint(schema)` returns: a loader computes it and hands it to the page. */
export type Constraints = Record<
  string,
  { required?: boolean; minLength?: number; maxLength?: number; min?: string | number; max?: string | number; step?: string | number; multiple?: boolean; pattern?: string }
>;

type Validation<Schema extends z.ZodType> = {
  onValidate?: (context: { formData: FormData }) => Submission<z.input<Schema>, string[], z.output<Schema>>;
  shouldValidate: "onSubmit" | "onBlur" | "onInput";
  shouldRevalidate: "onSubmit" | "onBlur" | "onInput";
};

/**
 * Spread the result into `useForm`:
 * `useForm({ lastResult, constraint, ...useLazyValidation(() => import("~/domain/x/schemas").then((m) => m.schema)) })`.
 * `loadSchema` runs once per mounted form; build a schema that depends on
 * page data inside it.
 */
export function useLazyValidation<Schema extends z.ZodType>(
  loadSchema: () => Promise<Schema>,
  { shouldValidate = "onBlur", shouldRevalidate = "onInput" }: Partial<Omit<Validation<Schema>, "onValidate">> = {},
): Validation<Schema> {
  const [validate, setValidate] = useState<Validation<Schema>["onValidate"]>();
  // Before paint, so the marker is set in the same commit as the form appears.
  useIsomorphicLayoutEffect(() => {
    let live = true;
    const settle = schemaLoading();
    Promise.all([loadSchema(), import("@conform-to/zod/v4")])
      .then(([schema, { parseWithZod }]) => {
        if (live) setValidate(() => ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema }));
      })
      // Offline or a stale deploy: the server still validates every submission.
      .catch(() => {})
      .finally(settle);
    return () => {
      live = false;
      settle();
    };
    // The schema is loaded once per mounted form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Before the schema arrives, blur and input must not trigger Conform's
  // validation: with no validator it would send the form to the server.
  return validate
    ? { onValidate: validate, shouldValidate, shouldRevalidate }
    : { shouldValidate: "onSubmit", shouldRevalidate: "onSubmit" };
}

const useIsomorphicLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

let loadingSchemas = 0;

/** Counts a schema on its way and marks the document; the returned function (safe to call twice) counts it arrived. */
function schemaLoading() {
  loadingSchemas += 1;
  document.documentElement.dataset.formChecks = "loading";
  let settled = false;
  return () => {
    if (settled) return;
    settled = true;
    loadingSchemas -= 1;
    if (loadingSchemas === 0) document.documentElement.dataset.formChecks = "ready";
  };
}
