// A member's commitments to change and how their check-ins went: on the competency profile, a goal's
// page, a pathway step's page and in the review pack. The member's own pages only.
import { Link } from "@remix-run/react";

export type CommitmentItem = {
  id: string;
  text: string;
  madeOn: string;
  source: { label: string; href: string } | null;
  checkIns: { id: string; afterDays: number; dueOn: string; due: boolean; answer: string | null; obstacle: string; answeredOn: string | null }[];
};

const ANSWER_WORDS: Record<string, string> = {
  DONE: "Done",
  PARTLY: "Partly",
  NOT_YET: "Not yet",
  NO_LONGER_RELEVANT: "No longer relevant",
};

export function CommitmentList({ commitments, links = true }: { commitments: CommitmentItem[]; links?: boolean }) {
  return (
    <ul className="mt-3 space-y-3">
      {commitments.map((commitment) => (
        <li key={commitment.id} className="rounded-lg border border-stone-200 bg-white p-4 break-inside-avoid">
          <p className="whitespace-pre-line text-stone-900">{commitment.text}</p>
          <p className="mt-1 text-sm text-stone-700">
            Made {commitment.madeOn}
            {commitment.source ? (
              <>
                {" · "}
                {links ? <Link to={commitment.source.href}>{commitment.source.label}</Link> : commitment.source.label}
              </>
            ) : null}
          </p>
          <ul className="mt-2 space-y-1 text-sm">
            {commitment.checkIns.map((checkIn) => (
              <li key={checkIn.id}>
                <span className="font-medium">After {checkIn.afterDays} days:</span>{" "}
                {checkIn.answer ? (
                  <>
                    {ANSWER_WORDS[checkIn.answer]} (answered {checkIn.answeredOn})
                    {checkIn.obstacle ? <span className="block text-stone-700">What got in the way: {checkIn.obstacle}</span> : null}
                    {links ? (
                      <>
                        {" "}
                        <Link to={`/me/check-ins/${checkIn.id}`} className="print:hidden">
                          Change answer<span className="sr-only"> after {checkIn.afterDays} days</span>
                        </Link>
                      </>
                    ) : null}
                  </>
                ) : checkIn.due ? (
                  links ? (
                    <Link to={`/me/check-ins/${checkIn.id}`}>Answer the {checkIn.afterDays}-day check-in</Link>
                  ) : (
                    "not answered"
                  )
                ) : (
                  `asked on ${checkIn.dueOn}`
                )}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
