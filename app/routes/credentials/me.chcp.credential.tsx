// /me/chcp/credential — record or change the CHCP® credential's dates, or stop
// keeping the log (the record and every entry go).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { deleteChcpLog, getCredentialForm, saveCredential } from "~/domain/credentials/chcp.server";
import { credentialSchema } from "~/domain/credentials/schemas";
import { requireMember } from "~/utils/auth.server";
import { formatLongDate } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { formFailure } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const form = await getCredentialForm(actor);
  return { ...form, constraint: formConstraint(credentialSchema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readForm(request);
  if (formData.get("intent") === "delete-log") {
    if (formData.get("confirm") !== "yes") {
      return data({ deleteError: "Tick the box to confirm that your CHCP record and entries should be deleted." }, { status: 400 });
    }
    await deleteChcpLog(actor);
    return redirectWithFlash("/me/chcp", "Your CHCP record and all its entries were deleted.");
  }
  const submission = parseWithZod(formData, { schema: credentialSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await saveCredential(actor, submission.value);
  if (!result.ok) return formFailure(result, submission.reply({ fieldErrors: result.fieldErrors ?? {}, formErrors: result.fieldErrors ? [] : [result.message] }));
  return redirectWithFlash("/me/chcp", `Your CHCP dates are saved. Your current cycle ends on ${formatLongDate(result.value.expiresOn)}.`);
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "CHCP log", to: "/me/chcp" }, { label: "Your dates" }],
};

export default function CredentialPage() {
  const { values, constraint, cycleYears, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && !("deleteError" in actionData) ? actionData : undefined;
  const deleteError = actionData && "deleteError" in actionData ? actionData.deleteError : null;
  const [form, fields] = useForm({
    id: "chcp-credential",
    lastResult,
    defaultValue: values ?? { earnedOn: "", cycleStartOn: "", expiresOn: "" },
    constraint,
    ...useLazyValidation(() => import("~/domain/credentials/schemas").then((m) => m.credentialSchema)),
  });
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">{values ? "Change your CHCP dates" : "Record your CHCP dates"}</h1>
      <p className="mt-3 text-stone-700">
        Take the dates from your certificate or from the Alliance’s notice of recertification. Your log counts the entries
        dated within the current cycle.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <FormErrors
          id={form.errorId}
          errors={form.errors}
          fieldErrors={{ earnedOn: fields.earnedOn.errors, cycleStartOn: fields.cycleStartOn.errors, expiresOn: fields.expiresOn.errors }}
          fieldTarget={(name) => ({ earnedOn: fields.earnedOn.id, cycleStartOn: fields.cycleStartOn.id, expiresOn: fields.expiresOn.id })[name] ?? name}
          focusKey={lastResult}
        />
        <TextField meta={fields.earnedOn} type="date" label="Date you first earned the CHCP" className="mt-0" />
        <TextField
          meta={fields.cycleStartOn}
          type="date"
          label="First day of your current cycle"
          description="The day you earned the credential, or the day of your last recertification."
        />
        <TextField
          meta={fields.expiresOn}
          type="date"
          label="Expiry date (optional)"
          description={`Leave it empty and it is set ${cycleYears} years after the start of the cycle.`}
        />
        <p className="mt-4 text-sm text-stone-600">Today is {formatLongDate(today)} in your time zone.</p>
        <SubmitButton className="mt-5" name="intent" value="save" pendingText="Saving…">
          Save dates
        </SubmitButton>
      </Form>

      {values ? (
        <section aria-labelledby="stop-title" className="mt-10 rounded-lg border border-red-200 bg-white p-4 sm:p-5">
          <h2 id="stop-title" className="text-xl font-semibold">
            Stop keeping this log
          </h2>
          <p className="mt-1 text-stone-700">
            Deletes your CHCP dates and every entry of your log, and stops the reminders. This cannot be undone: download the{" "}
            <a href="/me/chcp.csv" download>
              CSV
            </a>{" "}
            first if you want a copy.
          </p>
          <Form method="post" className="mt-3">
            <div className="flex items-start gap-2">
              <input
                id="confirm-delete"
                type="checkbox"
                name="confirm"
                value="yes"
                required
                aria-invalid={deleteError ? true : undefined}
                aria-describedby={deleteError ? "confirm-delete-error" : undefined}
                className="mt-1 h-4 w-4 accent-red-700"
              />
              <label htmlFor="confirm-delete">Yes, delete my CHCP record and all its entries</label>
            </div>
            {deleteError ? (
              <p id="confirm-delete-error" className="mt-1 text-sm text-red-800">
                <span aria-hidden="true">⚠ </span>
                {deleteError}
              </p>
            ) : null}
            <SubmitButton className="mt-3" variant="danger" name="intent" value="delete-log" pendingText="Deleting…">
              Delete my CHCP log
            </SubmitButton>
          </Form>
        </section>
      ) : null}
      <p className="mt-6">
        <Link to="/me/chcp">Back to your CHCP log</Link>
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your CHCP dates · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
