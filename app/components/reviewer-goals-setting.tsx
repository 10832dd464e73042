// The reviewers page: whether the reviewers the member invited may see their development goals
// (and comment on each, privately to the member). A form of its own.
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";

export function ReviewerGoalsSetting({ shared }: { shared: boolean }) {
  return (
    <section aria-labelledby="reviewer-goals-setting" className="mt-8 rounded-lg border border-stone-200 bg-white p-5">
      <h2 id="reviewer-goals-setting" className="text-xl font-semibold">
        Your goals and your reviewers
      </h2>
      <p className="mt-2 text-stone-700">
        Reviewers you invited can see your development goals (what, how you will know, by when, areas, how they ended) on their rating
        page, and comment on each. Only you read their comments. They never see your progress notes, commitments or check-ins.
      </p>
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value="goals-for-reviewers" />
        <fieldset>
          <legend className="font-medium">Show my goals to my reviewers?</legend>
          <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:gap-6">
            <label className="flex items-center gap-2">
              <input type="radio" name="goals" value="share" defaultChecked={shared} className="h-4 w-4 accent-brand-700" /> Yes, show them
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="goals" value="private" defaultChecked={!shared} className="h-4 w-4 accent-brand-700" /> No, keep them
              to myself
            </label>
          </div>
        </fieldset>
        <SubmitButton variant="secondary" className="mt-3" pendingText="Saving…">
          Save
        </SubmitButton>
      </Form>
    </section>
  );
}
