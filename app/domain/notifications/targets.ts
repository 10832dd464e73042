/**
 * What a notification says and where it leads. Pure and client-safe: the
 * notifications page renders these, the mark-read action redirects to them.
 */
import { postPath, threadPath } from "~/domain/discussions/constants";

export type NotificationKindName =
  | "REPLY"
  | "MENTION"
  | "QUOTE"
  | "NEW_THREAD"
  | "POST_HIDDEN"
  | "JOIN_REQUEST"
  | "JOIN_APPROVED"
  | "ROLE_CHANGED"
  | "STATEMENT_NEW_VERSION"
  | "STATEMENT_SUGGESTION_DECIDED"
  | "STATEMENT_ADOPTED"
  | "POST_FLAGGED"
  | "REVIEWER_RATING"
  | "STATEMENT_SUGGESTION_MADE"
  | "STATEMENT_COAUTHOR_ADDED"
  | "MENTORING_REQUEST"
  | "MENTORING_DECIDED"
  | "MENTORING_MESSAGE"
  | "MENTORING_ENDED"
  | "MENTORING_REPORTED"
  | "MENTORING_PROGRAM"
  | "MENTORING_PROPOSED"
  | "MENTORING_PROPOSAL_WITHDRAWN"
  | "MENTORING_GOAL_SHARED";

/** Where moderators work through flagged posts. */
export const MODERATION_QUEUE_PATH = "/moderation";
/** Where a member reads the ratings their reviewers sent, beside their own. */
export const REVIEWER_RATINGS_PATH = "/me/competencies";

export type NotificationView = {
  id: string;
  kind: NotificationKindName;
  read: boolean;
  createdAt: string;
  /** Who caused it (null when unknown or their account is gone). */
  actorName: string | null;
  /** The thread, when the member can still see it. */
  thread: { id: string; slug: string; title: string } | null;
  /** The notification was about a thread the member can no longer see. */
  threadGone: boolean;
  postNumber: number | null;
  association: { slug: string; name: string } | null;
  /** ROLE_CHANGED: the new role. */
  role: string | null;
  /** POST_HIDDEN: why, and whether it waits for a moderator (hidden by flags). */
  reason: string | null;
  pendingReview: boolean;
  /** POST_FLAGGED: the flags hid the post (it waits for a moderator), rather than just reporting it. */
  hiddenByFlags?: boolean;
  /** Statement notifications: the statement, when the member can still see it (title as it was when notified). */
  statement?: { id: string; title: string } | null;
  /** STATEMENT_NEW_VERSION / _ADOPTED: the version; STATEMENT_SUGGESTION_DECIDED: the decision. */
  statementVersion?: number | null;
  /** STATEMENT_NEW_VERSION: the version can still be signed (the statement is open and it is the current one). */
  statementSignable?: boolean;
  decision?: "ACCEPTED" | "DECLINED" | null;
  /** MENTORING_DECIDED: the answer was to an association's proposal rather than a member's request. */
  proposal?: boolean;
  /** Mentoring notifications: the mentorship (its recipient is one of its two members, or an administrator for a report). */
  mentorshipId?: string | null;
};

/** The page a notification opens (null when there is nothing left to open). */
export function notificationTarget(
  view: Pick<NotificationView, "kind" | "thread" | "postNumber" | "association" | "statement" | "mentorshipId" | "decision">,
): string | null {
  // Mentoring's paths (app/domain/mentoring/constants.ts, a context above this one).
  if (view.kind === "MENTORING_REPORTED") return "/admin/mentoring";
  if (view.kind === "MENTORING_PROGRAM") return view.association ? `/associations/${view.association.slug}/mentoring` : null;
  if (
    view.kind === "MENTORING_REQUEST" ||
    view.kind === "MENTORING_PROPOSED" ||
    view.kind === "MENTORING_PROPOSAL_WITHDRAWN" ||
    (view.kind === "MENTORING_DECIDED" && view.decision === "DECLINED")
  ) {
    return view.mentorshipId ? `/mentoring/requests/${view.mentorshipId}` : null;
  }
  if (view.kind.startsWith("MENTORING_")) return view.mentorshipId ? `/mentoring/${view.mentorshipId}` : null;
  // A moderator acts from the queue (the post itself may be hidden from the thread).
  if (view.kind === "POST_FLAGGED") return MODERATION_QUEUE_PATH;
  if (view.kind === "REVIEWER_RATING") return REVIEWER_RATINGS_PATH;
  if (view.kind === "STATEMENT_SUGGESTION_MADE" && view.statement) return `/statements/${view.statement.id}/suggestions`;
  if (view.statement) return `/statements/${view.statement.id}`;
  if (view.thread) {
    // A post past the first 50 is on a later page of the thread.
    return view.postNumber ? postPath(view.thread, view.postNumber) : threadPath(view.thread);
  }
  if (view.association) return `/associations/${view.association.slug}`;
  return null;
}

const ROLE_LABELS: Record<string, string> = { OWNER: "owner", MODERATOR: "moderator", MEMBER: "member" };

/** One sentence saying what happened, for the list. */
export function notificationText(view: NotificationView): string {
  const who = view.actorName ?? "Someone";
  const where = view.thread ? `“${view.thread.title}”` : "a thread you can no longer see";
  const post = view.postNumber ? `post #${view.postNumber}` : "a post";
  const association = view.association?.name ?? "an association";
  const statementRef = view.statement ? `the statement “${view.statement.title}”` : "a statement you can no longer see";
  const statementName = statementRef.charAt(0).toUpperCase() + statementRef.slice(1);
  switch (view.kind) {
    case "REPLY":
      return `${who} replied in ${where}`;
    case "MENTION":
      return `${who} mentioned you in ${where}`;
    case "QUOTE":
      return `${who} replied to your post in ${where}`;
    case "NEW_THREAD":
      return `${who} started a new thread: ${where}`;
    case "POST_HIDDEN":
      return view.pendingReview
        ? `Your ${post} in ${where} was hidden after members flagged it. A moderator will review it.`
        : `A moderator hid your ${post} in ${where}${view.reason ? `: ${view.reason}` : "."}`;
    case "JOIN_REQUEST":
      return `${who} asked to join ${association}`;
    case "JOIN_APPROVED":
      return `You are now a member of ${association}`;
    case "ROLE_CHANGED":
      return view.role && ROLE_LABELS[view.role]
        ? `Your role in ${association} is now ${ROLE_LABELS[view.role]}`
        : `Your role in ${association} changed`;
    case "STATEMENT_NEW_VERSION":
      // Nobody is asked to sign a version that was adopted, archived or replaced since.
      return view.statementSignable === false
        ? `${statementName} had a new version${
            view.statementVersion ? ` (version ${view.statementVersion})` : ""
          } after you signed an earlier one; that version can no longer be signed.`
        : `${statementName} has a new version${
            view.statementVersion ? ` (version ${view.statementVersion})` : ""
          }. You signed an earlier one: would you sign this one too?`;
    case "STATEMENT_SUGGESTION_DECIDED":
      if (view.decision === "ACCEPTED") return `${who} accepted your suggested revision of ${statementRef}`;
      if (view.decision === "DECLINED") {
        return `${who} declined your suggested revision of ${statementRef}${view.reason ? `: ${view.reason}` : "."}`;
      }
      return `Your suggested revision of ${statementRef} was decided`;
    case "STATEMENT_ADOPTED":
      return `${statementName} was adopted${view.statementVersion ? ` (version ${view.statementVersion})` : ""}`;
    case "POST_FLAGGED":
      return view.hiddenByFlags
        ? `Members flagged ${post} in ${where} until it was hidden: it waits for a moderator's review`
        : `${who} flagged ${post} in ${where}: it waits in the moderation queue`;
    case "REVIEWER_RATING":
      return `${view.actorName ?? "A reviewer"} sent their rating of your competencies`;
    case "STATEMENT_SUGGESTION_MADE":
      return `${who} suggested a revision of ${statementRef}`;
    case "STATEMENT_COAUTHOR_ADDED":
      return `${who} made you a co-author of ${statementRef}`;
    case "MENTORING_REQUEST":
      return `${who} asks you to be their mentor`;
    case "MENTORING_DECIDED":
      if (view.proposal) {
        return view.decision === "ACCEPTED"
          ? `${who} accepted the proposed mentorship too: it has started`
          : `${who} declined the proposed mentorship${view.reason ? `: “${view.reason}”` : ""}`;
      }
      if (view.decision === "ACCEPTED") return `${who} accepted your mentoring request${view.reason ? `: “${view.reason}”` : ""}`;
      return `${who} declined your mentoring request${view.reason ? `: “${view.reason}”` : ""}`;
    case "MENTORING_MESSAGE":
      return `${who} wrote in your mentoring space`;
    case "MENTORING_ENDED":
      return `${who} ended your mentorship, with a reflection`;
    case "MENTORING_REPORTED":
      return "A message in a mentoring space was reported: it waits for a site administrator";
    case "MENTORING_PROGRAM":
      return `${association} invites you to take part in its mentoring program`;
    case "MENTORING_PROPOSED":
      return `${association} proposes a mentorship for you: it starts once both of you accept`;
    case "MENTORING_PROPOSAL_WITHDRAWN":
      return `The mentorship ${association} proposed for you was withdrawn: it will not start`;
    case "MENTORING_GOAL_SHARED":
      return `${who} shared one of their goals in your mentoring space`;
  }
}
