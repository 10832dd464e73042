import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";
import { SelectField } from "~/components/ui/choice-fields";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { completeOnboarding } from "~/domain/members/onboarding.server";
import {
  BACKGROUND_OPTIONS,
  CAREER_LEVEL_OPTIONS,
  ROLE_ARCHETYPE_OPTIONS,
} from "~/domain/members/profile-options";
import { onboardingSchema } from "~/domain/members/schemas";
import { requireMember, safeRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  return { displayName: actor.displayName };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readForm(request);
  const skip = formData.get("intent") === "skip";
  const submission = parseWithZod(formData, { schema: onboardingSchema });
  if (submission.status !== "success") return submission.reply();
  const { redirectTo, ...answers } = submission.value;
  await completeOnboarding(actor.userId, skip ? {} : answers);
  return redirect(safeRedirect(redirectTo));
}

export const meta: MetaFunction = () => [{ title: "Welcome · CME Commons" }];

export default function Welcome() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    // Validated on submit only, as before (every answer is optional).
    ...useLazyValidation(() => import("~/domain/members/schemas").then((m) => m.onboardingSchema), {
      shouldValidate: "onSubmit",
      shouldRevalidate: "onSubmit",
    }),
  });
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-3xl font-bold">Welcome to CME Commons</h1>
      <p className="mt-3 text-lg text-stone-700">
        Three quick questions help us point you to the right pathways and colleagues. Every answer is optional, you can
        change them later in your profile, and only members see them unless you choose otherwise.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-6">
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <SelectField meta={fields.roleArchetype} label="Which describes your work best?" options={ROLE_ARCHETYPE_OPTIONS} />
        <SelectField meta={fields.background} label="What did you do before CME/CE?" options={BACKGROUND_OPTIONS} />
        <SelectField meta={fields.careerLevel} label="Where are you in your career?" options={CAREER_LEVEL_OPTIONS} />
        <div className="mt-6 flex flex-wrap gap-3">
          <SubmitButton name="intent" value="save" pendingText="Saving…">
            Save and continue
          </SubmitButton>
          <SubmitButton name="intent" value="skip" variant="secondary" formNoValidate>
            Skip for now
          </SubmitButton>
        </div>
      </Form>
    </div>
  );
}
