// /mentoring/ask/:handle: ask a suggested mentor, with a short message and the
// areas the request is about. Only for a member asking for a mentor, and only
// a mentor still available to them (the suggestions' rule).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { CheckboxGroupField } from "~/components/ui/choice-fields";
import { TextAreaField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { requestPath } from "~/domain/mentoring/constants";
import { getAskable, requestMentor } from "~/domain/mentoring/mentorships.server";
import { requestSchema } from "~/domain/mentoring/schemas";
import { requireContributor, requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { formFailure, notFound, siteUrl } from "~/utils/http.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const NOT_ASKABLE = "This member is not available to you as a mentor just now.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const askable = await getAskable(actor, params.handle ?? "");
  if (!askable) throw notFound(NOT_ASKABLE);
  return { ...askable, constraint: formConstraint(requestSchema) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const submission = parseWithZod(await readForm(request), { schema: requestSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await requestMentor(actor, params.handle ?? "", submission.value, siteUrl(request));
  if (!result.ok) {
    return formFailure(result, submission.reply({ formErrors: result.fieldErrors ? [] : [result.message], fieldErrors: result.fieldErrors ?? {} }), {
      keep: ["conflict"],
    });
  }
  return redirectWithFlash(requestPath(result.value.id), "Your request is sent. We'll tell you when they answer.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: (loaderData) => [
    { label: "Mentoring", to: "/mentoring" },
    { label: loaderData ? `Ask ${loaderData.mentor.displayName}` : "Ask a mentor" },
  ],
};

export default function Ask() {
  const { mentor, areas, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { areas: areas.map((area) => area.value), message: "" },
    constraint,
    ...useLazyValidation(() => import("~/domain/mentoring/schemas").then((m) => m.requestSchema)),
  });
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">Ask {mentor.displayName} to mentor you</h1>
      {mentor.note ? <p className="mt-3 whitespace-pre-line text-stone-700">“{mentor.note}”</p> : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 rounded-lg border border-stone-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <CheckboxGroupField meta={fields.areas} legend="What the request is about" options={areas.map((area) => ({ value: area.value, label: area.name }))} />
        <TextAreaField
          meta={fields.message}
          rows={5}
          label="Your message"
          description="A few words: who you are, what you hope to learn, how often you would like to meet."
        />
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <SubmitButton pendingText="Sending…">Send the request</SubmitButton>
          <Link to="/mentoring">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData }) => [
  { title: `${loaderData ? `Ask ${loaderData.mentor.displayName}` : "Ask a mentor"} · Mentoring · CME Commons` },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
