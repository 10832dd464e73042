// Settings → Email: the switch for reminders about the member's own goals and check-ins, apart from
// community email. A form of its own (intent "reminders") beside the community email choices.
import { Form } from "@remix-run/react";
import { SubmitButton } from "~/components/ui/button";

export function ReminderSettings({ reminderEmails }: { reminderEmails: boolean }) {
  return (
    <section aria-labelledby="reminders-title" className="mt-10 max-w-2xl">
      <h3 id="reminders-title" className="text-xl font-semibold">
        Reminders
      </h3>
      <p className="mt-2 text-stone-700">
        Reminders are about your own plans, not the community: a week before a goal’s date, and when a check-in on a commitment to
        change is due. They come even if you turned community email off.
      </p>
      <Form method="post" className="mt-3">
        <input type="hidden" name="intent" value="reminders" />
        <fieldset>
          <legend className="font-medium">Reminder emails</legend>
          <ul className="mt-2 space-y-2">
            {[
              { value: "on", label: "Send me reminders", checked: reminderEmails },
              { value: "off", label: "No reminders (goals and check-ins still show on my home page)", checked: !reminderEmails },
            ].map((option) => (
              <li key={option.value} className="flex items-start gap-3 rounded-lg border border-stone-200 bg-white p-3">
                <input
                  type="radio"
                  id={`reminders-${option.value}`}
                  name="reminders"
                  value={option.value}
                  defaultChecked={option.checked}
                  required
                  className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
                />
                <label htmlFor={`reminders-${option.value}`}>{option.label}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <SubmitButton className="mt-4 w-full sm:w-auto" pendingText="Saving…">
          Save reminder setting
        </SubmitButton>
      </Form>
    </section>
  );
}
