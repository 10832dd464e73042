/**
 * The benchmark's inbound-mail phase (issue 20, docs/decisions/0020): replies
 * by email from real members of the data set to threads they can see, as mail
 * clients write them (multipart text and HTML, a signature, the quoted email
 * they answer), each with its own Message-ID and a reply address signed by
 * the app's own signer. Half go through the SMTP listener, half through the
 * provider webhook, all at once; then some are delivered again. The checks
 * say whether each message became exactly one post, in the right thread, by
 * the right member, with only what the member wrote.
 */
import nodemailer from "nodemailer";
import { addressSigner } from "~/domain/email/reply-addresses.server";
import type { Database } from "~/utils/db.server";
import { OWNER_MEMBER, LOGIN_MEMBER, memberId } from "./plan";
import { stream } from "./rng";
import { withGlobalDatabase } from "./seed";
import type { Bulk } from "./sql";

export const INBOUND_DOMAIN = "replies.bench.example.org";
export const INBOUND_SECRET = "bench-inbound-webhook-secret";

export type InboundMessage = {
  index: number;
  via: "smtp" | "webhook";
  userId: string;
  email: string;
  threadId: string;
  address: string;
  messageId: string;
  /** What the member wrote: the post's body once the quote and signature are cut. */
  text: string;
  raw: string;
};

const CRLF = "\r\n";

const OPENINGS = [
  "Thanks for raising this.",
  "We ran into the same thing last cycle.",
  "Agreed, with one caveat.",
  "A short answer from our side.",
  "This matches what our accreditation team saw.",
];
const MIDDLES = [
  "We now check every activity file against the standards a week after the session, not at year end.",
  "Our planning committee signs off the gap statement before any faculty are invited.",
  "The disclosure review happens in the same meeting as the content review, so mitigation is recorded once.",
  "We measure outcomes at level 4 for the series and at level 3 for single sessions.",
  "Joint providership works for us when the agreement names who keeps the records.",
];
const CLOSINGS = ["Happy to share our template.", "Hope that helps.", "Curious how others handle it.", "More on this at the next meeting."];

/**
 * Who replies where: `count` members of the large association (not its owner,
 * not the benchmark's member), each once, to the threads of its members-only
 * category that were active last (the top of the thread list), two replies a thread.
 */
async function pickReplies(bulk: Bulk, association: { slug: string; categorySlug: string }, count: number) {
  const threads = await bulk.query<{ id: string; title: string; slug: string; mailNumber: number }>(`
    SELECT t."id", t."title", t."slug", t."mailNumber" FROM "Thread" t
      JOIN "Category" c ON c."id" = t."categoryId" JOIN "Forum" f ON f."id" = t."forumId"
     WHERE f."slug" = '${association.slug}' AND c."slug" = '${association.categorySlug}'
       AND t."lockedAt" IS NULL AND t."deletedAt" IS NULL AND t."id" <> 'bench-t-0000001'
     ORDER BY t."lastPostAt" DESC, t."id" LIMIT ${Math.ceil(count / 2)}`);
  const members = await bulk.query<{ id: string; email: string; mailNumber: number; replyKeyVersion: number; displayName: string; jobTitle: string | null; organization: string | null }>(`
    SELECT u."id", u."email", u."mailNumber", u."replyKeyVersion", p."displayName", p."jobTitle", p."organization"
      FROM "AssociationMembership" m JOIN "User" u ON u."id" = m."userId" JOIN "Profile" p ON p."userId" = u."id"
     WHERE m."associationId" = 'bench-a-0001' AND u."id" NOT IN ('${memberId(OWNER_MEMBER)}', '${memberId(LOGIN_MEMBER)}')
       AND u."emailConfirmedAt" IS NOT NULL
     ORDER BY u."id" LIMIT ${count}`);
  if (threads.length === 0 || members.length < count) {
    throw new Error(`The inbound phase needs ${count} members and some threads in the large association (found ${members.length} and ${threads.length})`);
  }
  return members.map((member, i) => ({ member, thread: threads[i % threads.length]! }));
}

/** 200 messages (by default): the first half for SMTP, the second for the webhook. */
export async function planInbound(
  database: Database,
  bulk: Bulk,
  options: { association: { slug: string; categorySlug: string }; count: number; run: string; siteOrigin: string },
): Promise<InboundMessage[]> {
  const pairs = await pickReplies(bulk, options.association, options.count);
  const signer = await withGlobalDatabase(database, () => addressSigner());
  const date = new Date().toUTCString().replace("GMT", "+0000");
  return pairs.map(({ member, thread }, index) => {
    const address = signer.address("reply", { mailNumber: Number(member.mailNumber), replyKeyVersion: Number(member.replyKeyVersion) }, Number(thread.mailNumber));
    if (!address) throw new Error("REPLY_DOMAIN is not set in the benchmark's process");
    const rng = stream(options.run, "inbound", index);
    const text = [
      `${rng.pick(OPENINGS)} ${rng.pick(MIDDLES)} (Benchmark reply ${index + 1} of run ${options.run}.)`,
      "",
      rng.pick(CLOSINGS),
    ].join("\n");
    const messageId = `<bench.${options.run}.${index + 1}@mail.bench.example.org>`;
    const ours = `<cme.p.bench-${thread.id}.${member.mailNumber}@${INBOUND_DOMAIN}>`;
    const signature = [member.displayName, [member.jobTitle, member.organization].filter(Boolean).join(", ")].filter(Boolean);
    const link = `${options.siteOrigin}/t/${thread.id}/${thread.slug}`;
    const quoted = [
      `A new reply in "${thread.title}":`,
      "",
      "We are reviewing our process for commercial support agreements before the next cycle.",
      "",
      `Reply to this email to answer, or read it on the site: ${link}`,
    ];
    const plain = [text, "", "-- ", ...signature, "", `On ${date.slice(0, 16)} at 09:12, CME Commons <notifications@bench.example.org> wrote:`, ...quoted.map((line) => (line ? `> ${line}` : ">"))].join(CRLF);
    const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const htmlPart = [
      `<div dir="ltr">${text.split("\n\n").map((p) => `<p>${escape(p)}</p>`).join("")}`,
      `<div class="gmail_signature">-- <br>${signature.map(escape).join("<br>")}</div></div>`,
      `<div class="gmail_quote"><div class="gmail_attr">On ${escape(date.slice(0, 16))} at 09:12, CME Commons wrote:</div>`,
      `<blockquote class="gmail_quote">${quoted.map((line) => escape(line) || "<br>").join("<br>")}</blockquote></div>`,
    ].join(CRLF);
    const boundary = `=_bench_${options.run}_${index + 1}`;
    const raw = [
      `From: "${member.displayName}" <${member.email}>`,
      `To: "CME Commons" <${address}>`,
      `Subject: Re: ${thread.title}`,
      `Date: ${date}`,
      `Message-ID: ${messageId}`,
      `In-Reply-To: ${ours}`,
      `References: <cme.t.${thread.id}@${INBOUND_DOMAIN}> ${ours}`,
      "MIME-Version: 1.0",
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      'Content-Type: text/plain; charset="UTF-8"',
      "Content-Transfer-Encoding: 8bit",
      "",
      plain,
      `--${boundary}`,
      'Content-Type: text/html; charset="UTF-8"',
      "Content-Transfer-Encoding: 8bit",
      "",
      htmlPart,
      `--${boundary}--`,
      "",
    ].join(CRLF);
    return {
      index,
      via: index < options.count / 2 ? "smtp" : "webhook",
      userId: member.id,
      email: member.email,
      threadId: thread.id,
      address,
      messageId,
      text,
      raw,
    } satisfies InboundMessage;
  });
}

export type Delivery = { index: number; via: "smtp" | "webhook"; ok: boolean; answer: string };

/**
 * Delivers every message at once: SMTP messages through a pool of connections
 * (a sending server's, below the listener's per-address cap), webhook messages
 * as concurrent POSTs. Resolves when every one is answered.
 */
export async function deliver(
  messages: InboundMessage[],
  target: { baseUrl: string; smtpPort: number; connections: number },
  via: (message: InboundMessage) => "smtp" | "webhook" = (message) => message.via,
): Promise<Delivery[]> {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: target.smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: target.connections,
    maxMessages: Infinity,
  });
  try {
    return await Promise.all(
      messages.map(async (message): Promise<Delivery> => {
        const how = via(message);
        try {
          if (how === "smtp") {
            const info = await transport.sendMail({ envelope: { from: message.email, to: message.address }, raw: message.raw });
            return { index: message.index, via: how, ok: info.accepted.length === 1, answer: info.response };
          }
          const response = await fetch(`${target.baseUrl}/email/inbound?recipient=${encodeURIComponent(message.address)}`, {
            method: "POST",
            headers: { "Content-Type": "message/rfc822", Authorization: `Bearer ${INBOUND_SECRET}`, "X-Envelope-From": message.email },
            body: message.raw,
          });
          const body = await response.text();
          return { index: message.index, via: how, ok: response.status === 202, answer: `${response.status} ${body}` };
        } catch (error) {
          return { index: message.index, via: how, ok: false, answer: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  } finally {
    transport.close();
  }
}

export type InboundCheck = { check: string; expected: number; actual: number };

/** Exactly once: one stored message, one job, one post each, where it belongs, by whom it belongs. */
export async function checkInbound(
  bulk: Bulk,
  messages: InboundMessage[],
  since: Date,
  before: { posts: number; inbound: number },
): Promise<InboundCheck[]> {
  const ids = messages.map((m) => `'${m.messageId.toLowerCase().replace(/'/g, "''")}'`).join(",");
  const rows = await bulk.query<{ messageId: string; recipient: string; outcome: string | null; processed: boolean; postId: string | null; threadId: string | null; authorId: string | null; body: string | null }>(`
    SELECT i."messageId", i."recipient", i."outcome", i."processedAt" IS NOT NULL AS "processed", i."postId",
           p."threadId", p."authorId", p."body"
      FROM "InboundEmail" i LEFT JOIN "Post" p ON p."id" = i."postId"
     WHERE i."messageId" IN (${ids})`);
  const byId = new Map<string, typeof rows>();
  for (const row of rows) byId.set(row.messageId, [...(byId.get(row.messageId) ?? []), row]);
  let right = 0;
  let wordsRight = 0;
  for (const message of messages) {
    const stored = byId.get(message.messageId.toLowerCase()) ?? [];
    const only = stored.length === 1 ? stored[0]! : null;
    if (only && only.outcome === "posted" && only.threadId === message.threadId && only.authorId === message.userId) right++;
    if (only?.body === message.text) wordsRight++;
  }
  const pairs = messages.map((m) => `('${m.threadId}', '${m.userId}')`).join(",");
  const [posted] = await bulk.query<{ posts: string | number; pairs: string | number }>(`
    SELECT count(*) AS "posts", count(DISTINCT (p."threadId", p."authorId")) AS "pairs" FROM "Post" p
     WHERE p."createdAt" >= '${since.toISOString()}' AND (p."threadId", p."authorId") IN (${pairs})`);
  const [totals] = await bulk.query<{ posts: string | number; inbound: string | number }>(
    `SELECT (SELECT count(*) FROM "Post") AS "posts", (SELECT count(*) FROM "InboundEmail") AS "inbound"`,
  );
  const jobs = await bulk.query<{ status: string; attempts: number; count: string | number }>(`
    SELECT j."status"::text AS "status", j."attempts", count(*) AS "count" FROM "Job" j
     WHERE j."kind" = 'inbound-email' AND j."key" IN (SELECT 'inbound:' || i."id" FROM "InboundEmail" i WHERE i."messageId" IN (${ids}))
     GROUP BY 1, 2`);
  const jobCount = (match: (row: { status: string; attempts: number }) => boolean) =>
    jobs.filter(match).reduce((sum, row) => sum + Number(row.count), 0);
  const [failed] = await bulk.query<{ count: string | number }>(
    `SELECT count(*) AS "count" FROM "Job" WHERE "createdAt" >= '${since.toISOString()}' AND ("status" = 'FAILED' OR "lastError" IS NOT NULL)`,
  );
  const threadIds = [...new Set(messages.map((m) => `'${m.threadId}'`))].join(",");
  const inconsistent = await bulk.query<{ id: string }>(`
    SELECT t."id" FROM "Thread" t
     WHERE t."id" IN (${threadIds})
       AND (t."lastPostNumber" <> (SELECT max(p."number") FROM "Post" p WHERE p."threadId" = t."id")
         OR t."replyCount" <> (SELECT count(*) FROM "Post" p WHERE p."threadId" = t."id" AND p."number" > 1
                                 AND p."deletedAt" IS NULL AND p."hiddenAt" IS NULL))`);
  const n = messages.length;
  return [
    { check: "Messages stored, one row each", expected: n, actual: [...byId.values()].filter((list) => list.length === 1).length },
    { check: "Messages processed (processedAt set)", expected: n, actual: rows.filter((row) => row.processed).length },
    { check: "Messages posted, in the right thread by the right member", expected: n, actual: right },
    { check: "Posts that hold only what the member wrote (no quote, no signature)", expected: n, actual: wordsRight },
    { check: "Distinct posts made from the messages", expected: n, actual: new Set(rows.map((row) => row.postId).filter(Boolean)).size },
    { check: "Posts in those threads by those members since the phase began", expected: n, actual: Number(posted?.posts ?? 0) },
    { check: "(thread, member) pairs with a post", expected: n, actual: Number(posted?.pairs ?? 0) },
    { check: "Post rows added in the phase", expected: n, actual: Number(totals?.posts ?? 0) - before.posts },
    { check: "InboundEmail rows added in the phase", expected: n, actual: Number(totals?.inbound ?? 0) - before.inbound },
    { check: "Inbound jobs done at the first attempt", expected: n, actual: jobCount((row) => row.status === "DONE" && Number(row.attempts) === 1) },
    { check: "Inbound jobs in all", expected: n, actual: jobCount(() => true) },
    { check: "Jobs failed or retried since the phase began", expected: 0, actual: Number(failed?.count ?? 0) },
    { check: "Threads whose counters disagree with their posts", expected: 0, actual: inconsistent.length },
  ];
}
