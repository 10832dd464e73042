// /associations/:slug/members — who belongs, with their roles (members of the
// association and site administrators). Owners appoint and remove
// moderators, remove members and hand ownership on; members leave.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Avatar } from "~/components/avatar";
import { Pager } from "~/components/pager";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { findAssociation } from "~/domain/associations/memberships.server";
import {
  findMemberByHandle,
  leaveAssociation,
  listMembers,
  removeMember,
  setMemberRole,
  transferOwnership,
} from "~/domain/associations/memberships.server";
import { canAppointModerators, canLeaveAssociation, canTransferOwnership } from "~/domain/associations/policy";
import { ROLE_LABELS } from "~/domain/associations/constants";
import { requireMember } from "~/utils/auth.server";
import { badRequest, failureInit, failureResponse, notFound } from "~/utils/http.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateIn } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const NOTICES = {
  moderator: (name: string) => `${name} is now a moderator.`,
  member: (name: string) => `${name} is no longer a moderator.`,
  removed: (name: string) => `${name} was removed from the association.`,
  "not-member": () => "That person is not a member of the association any more: nothing changed.",
  transferred: (name: string) => `${name} is now the owner. You are a moderator.`,
} as const;


export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const url = new URL(request.url);
  const after = url.searchParams.get("after");
  const result = await listMembers(actor, slug, after);
  if (!result.ok) throw failureResponse(result);
  const { association, membership, members, nextCursor } = result.value;

  // "Make owner…" and "Remove…" first show a confirmation (a GET changes nothing) for the member named
  // in the address: looked up only for a viewer who may do it, and never the owner.
  const canTransfer = canTransferOwnership(actor, membership);
  const confirming = async (param: "transfer" | "remove", allowed: boolean) => {
    const handle = url.searchParams.get(param);
    const found = handle && allowed ? await findMemberByHandle(association.id, handle.slice(0, 60)) : null;
    return found && found.role !== "OWNER" ? found : null;
  };
  const transferTo = await confirming("transfer", canTransfer);
  // Removing someone takes the members-only areas from them at once; nobody removes themselves (they leave).
  const removeCandidate = await confirming("remove", canAppointModerators(actor, membership));
  const removeTarget = removeCandidate && removeCandidate.userId !== actor.userId ? removeCandidate : null;

  return {
    association: { slug: association.slug, name: association.name, memberCount: association.memberCount },
    viewerId: actor.userId,
    role: membership?.role ?? null,
    can: {
      appoint: canAppointModerators(actor, membership),
      transfer: canTransfer,
      leave: canLeaveAssociation(actor, membership),
    },
    members: members.map(({ joinedAt, ...member }) => ({ ...member, joinedOn: formatDateIn(joinedAt, readerTimeZone(actor)) })),
    transferTo,
    removeTarget,
    isLaterPage: !!after,
    nextPage: nextCursor ? `?${new URLSearchParams({ after: nextCursor })}` : null,
  };
}

const targetSchema = z.object({
  intent: z.enum(["make-moderator", "remove-moderator", "remove-member"]),
  userId: z.string().min(1),
});
const transferSchema = z.object({
  intent: z.literal("transfer"),
  userId: z.string().min(1),
  confirm: z.string().trim(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const form = Object.fromEntries(await readForm(request));
  const back = (done: keyof typeof NOTICES, name: string) =>
    redirectWithFlash(`/associations/${slug}/members`, NOTICES[done](name.slice(0, 80) || "The member"));

  if (form.intent === "leave") {
    const result = await leaveAssociation(actor, slug);
    if (!result.ok) return data({ error: result.message, confirm: "" }, failureInit(result));
    return redirectWithFlash(`/associations/${slug}`, "You have left the association.");
  }

  if (form.intent === "transfer") {
    const parsed = transferSchema.safeParse(form);
    if (!parsed.success) throw badRequest();
    const found = await findAssociation(actor, slug);
    if (!found) throw notFound();
    if (parsed.data.confirm.toLowerCase() !== found.association.name.trim().toLowerCase()) {
      return data(
        { error: `Type the association’s name, ${found.association.name}, to confirm.`, confirm: parsed.data.confirm },
        { status: 400 },
      );
    }
    const result = await transferOwnership(actor, slug, parsed.data.userId);
    if (!result.ok) throw failureResponse(result);
    return back("transferred", result.value.name);
  }

  const parsed = targetSchema.safeParse(form);
  if (!parsed.success) throw badRequest();
  const { intent, userId } = parsed.data;
  if (intent === "remove-member") {
    const result = await removeMember(actor, slug, userId);
    if (!result.ok) throw failureResponse(result);
    return back(result.value.removed ? "removed" : "not-member", result.value.name);
  }
  const result = await setMemberRole(actor, slug, userId, intent === "make-moderator" ? "MODERATOR" : "MEMBER");
  if (!result.ok) throw failureResponse(result);
  return back(intent === "make-moderator" ? "moderator" : "member", result.value.name);
}

type Member = ReturnType<typeof useLoaderData<typeof loader>>["members"][number];

function RowAction({
  member,
  intent,
  label,
  variant = "secondary",
}: {
  member: Member;
  intent: string;
  label: string;
  variant?: "secondary" | "danger";
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="userId" value={member.userId} />
      <SubmitButton variant={variant}>
        <span>
          {label}
          <span className="sr-only">: {member.displayName}</span>
        </span>
      </SubmitButton>
    </Form>
  );
}

const confirmLinkClasses = {
  secondary: "border-stone-400 text-stone-900 hover:bg-stone-100 hover:text-stone-900",
  danger: "border-red-700 text-red-800 hover:bg-red-50 hover:text-red-900",
};

/** A row's link to a confirmation on this page (`?transfer=` or `?remove=` the member's handle). */
function ConfirmLink({
  member,
  confirm,
  label,
  variant = "secondary",
}: {
  member: Member;
  confirm: "transfer" | "remove";
  label: string;
  variant?: keyof typeof confirmLinkClasses;
}) {
  return (
    <Link
      to={`?${confirm}=${encodeURIComponent(member.handle ?? "")}`}
      className={`inline-flex items-center justify-center rounded-md border bg-white px-4 py-2 font-semibold no-underline ${confirmLinkClasses[variant]}`}
    >
      <span>
        {label}
        <span className="sr-only">: {member.displayName}</span>
      </span>
    </Link>
  );
}

export default function Members() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { association, can, transferTo, removeTarget } = page;
  const base = `/associations/${association.slug}`;

  return (
    <div className="max-w-3xl">
      <p>
        <Link to={base}>← {association.name}</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Members</h1>
      <p className="mt-2 text-stone-700">
        {association.memberCount.toLocaleString("en-US")} {association.memberCount === 1 ? "member" : "members"}. The
        owner runs the association; moderators look after its forum, approve requests and invite people.
      </p>

      {result?.error && !transferTo ? (
        <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {result.error}
        </p>
      ) : null}

      {transferTo ? (
        <section aria-labelledby="transfer-title" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="transfer-title" className="text-xl font-semibold">
            Make {transferTo.displayName} the owner?
          </h2>
          <p className="mt-2 text-stone-800">
            They will run the association: its settings, categories, moderators and ownership. You will stay on as a
            moderator, and can leave afterwards. Only the new owner can undo this.
          </p>
          <Form method="post" className="mt-3">
            <input type="hidden" name="intent" value="transfer" />
            <input type="hidden" name="userId" value={transferTo.userId} />
            <label htmlFor="transfer-confirm" className="block font-medium">
              Type the association’s name to confirm
            </label>
            <p id="transfer-confirm-help" className="text-sm text-stone-700">
              {association.name}
            </p>
            <input
              id="transfer-confirm"
              name="confirm"
              autoComplete="off"
              defaultValue={result?.confirm ?? ""}
              aria-describedby="transfer-confirm-help transfer-confirm-errors"
              aria-invalid={result?.error ? true : undefined}
              className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm"
            />
            <FieldErrors id="transfer-confirm-errors" errors={result?.error ? [result.error] : undefined} />
            <div className="mt-3 flex flex-wrap items-center gap-4">
              <SubmitButton variant="danger" pendingText="Handing over…">
                Make {transferTo.displayName} the owner
              </SubmitButton>
              <Link to={`${base}/members`}>Cancel</Link>
            </div>
          </Form>
        </section>
      ) : null}

      {removeTarget ? (
        <section aria-labelledby="remove-title" className="mt-6 rounded-lg border border-red-300 bg-red-50 p-4">
          <h2 id="remove-title" className="text-xl font-semibold">
            Remove {removeTarget.displayName} from {association.name}?
          </h2>
          <p className="mt-2 text-stone-800">
            They will lose the members-only discussions at once
            {removeTarget.role === "MODERATOR" ? ", and their moderator role with them" : ""}. Their posts stay where
            they are.
          </p>
          <Form method="post" className="mt-3 flex flex-wrap items-center gap-4">
            <input type="hidden" name="intent" value="remove-member" />
            <input type="hidden" name="userId" value={removeTarget.userId} />
            <SubmitButton variant="danger" pendingText="Removing…">
              Remove {removeTarget.displayName}
            </SubmitButton>
            <Link to={`${base}/members`}>Cancel</Link>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="list-title" className="mt-6">
        <h2 id="list-title" className="sr-only">
          {page.isLaterPage ? "More members" : "Everyone in the association"}
        </h2>
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {page.members.map((member) => {
            const isSelf = member.userId === page.viewerId;
            const manageable = can.appoint && member.role !== "OWNER" && !isSelf;
            return (
              <li
                key={member.userId}
                className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between"
              >
                <div className="flex min-w-0 items-center gap-3 sm:min-w-[14rem] sm:flex-1">
                  {member.handle ? <Avatar name={member.displayName} handle={member.handle} photo={member.photo} size="sm" /> : null}
                  <div className="min-w-0">
                    <p className="break-words font-semibold">
                      {member.handle ? (
                        <Link to={`/members/${member.handle}`}>{member.displayName}</Link>
                      ) : (
                        member.displayName
                      )}
                      {isSelf ? <span className="font-normal text-stone-600"> (you)</span> : null}
                    </p>
                    <p className="text-sm text-stone-700">
                      <span className={member.role === "MEMBER" ? "" : "font-semibold text-brand-800"}>
                        {ROLE_LABELS[member.role]}
                      </span>{" "}
                      · joined {member.joinedOn}
                    </p>
                  </div>
                </div>
                {manageable ? (
                  <div className="flex flex-wrap gap-2 sm:justify-end">
                    {member.role === "MEMBER" ? (
                      <RowAction member={member} intent="make-moderator" label="Make moderator" />
                    ) : (
                      <RowAction member={member} intent="remove-moderator" label="Remove moderator role" />
                    )}
                    {member.handle ? (
                      <ConfirmLink member={member} confirm="remove" label="Remove…" variant="danger" />
                    ) : (
                      <RowAction member={member} intent="remove-member" label="Remove" variant="danger" />
                    )}
                    {can.transfer && member.handle ? (
                      <ConfirmLink member={member} confirm="transfer" label="Make owner…" />
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        <Pager
          label="More members"
          previous={page.isLaterPage ? { href: `${base}/members`, label: "Back to the first page" } : null}
          next={page.nextPage ? { href: page.nextPage, label: "Next page" } : null}
        />
      </section>

      {page.role ? (
        <section aria-labelledby="leave-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4">
          <h2 id="leave-title" className="text-xl font-semibold">
            Leave the association
          </h2>
          {can.leave ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="leave" />
              <p className="text-stone-700">
                You will no longer read members-only discussions. Your posts stay where they are.
              </p>
              <SubmitButton variant="secondary" className="mt-3" value="leave" pendingText="Leaving…">
                Leave {association.name}
              </SubmitButton>
            </Form>
          ) : (
            <p className="mt-2 text-stone-700">
              As the owner, you cannot leave yet: an association always has an owner. Choose “Make owner…” beside
              another member first; you will become a moderator and can then leave.
            </p>
          )}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `Members · ${page.association.name} · CME Commons` : "Members · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
