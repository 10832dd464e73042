import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { createTestMember, type TestMember } from "../../tests/fixtures/members";
import { prisma } from "./db.server";
import { MARKDOWN_HTML_COLUMNS, resanitizeStoredImages } from "./stored-html.server";

// What the renderer stored before issue 17: an outside image, and a mention link.
const OLD_HTML = (handle: string) =>
  `<p>Our attendance <img src="https://tracker.example/chart.png" alt="chart" /> — thanks <a href="/members/${handle}" rel="nofollow ugc noopener">@${handle}</a></p>`;
const NEW_HTML = (handle: string) =>
  `<p>Our attendance <a href="https://tracker.example/chart.png" rel="nofollow ugc noopener noreferrer">Image from tracker.example: chart</a> — thanks <a href="/members/${handle}" rel="nofollow ugc noopener">@${handle}</a></p>`;
const LONG_AGO = new Date(Date.UTC(2026, 0, 2, 9));

let author: TestMember;
let category: { id: string; forumId: string; visibility: "PUBLIC" | "MEMBERS" | "ASSOCIATION" };

beforeAll(async () => {
  await seed();
  author = await createTestMember();
  category = await prisma.category.findFirstOrThrow({
    where: { slug: "accreditation", forum: { slug: "community" } },
    select: { id: true, forumId: true, visibility: true },
  });
});

/** A thread whose opening post (with one earlier revision) was stored as `bodyHtml`, long ago. */
async function storedPost(bodyHtml: string) {
  const thread = await prisma.thread.create({
    data: {
      forumId: category.forumId,
      categoryId: category.id,
      visibility: category.visibility,
      authorId: author.userId,
      title: "Attendance figures",
      slug: "attendance-figures",
      posts: {
        create: {
          number: 1,
          authorId: author.userId,
          body: "Our attendance ![chart](https://tracker.example/chart.png)",
          bodyHtml,
          editCount: 1,
          updatedAt: LONG_AGO,
          revisions: { create: { number: 1, body: "Our attendance ![chart](https://tracker.example/chart.png)", bodyHtml } },
        },
      },
    },
    select: { posts: { select: { id: true, revisions: { select: { id: true } } } } },
  });
  return { id: thread.posts[0]!.id, revisionId: thread.posts[0]!.revisions[0]!.id };
}

/** An assessment of the current framework with one answer whose evidence HTML is `evidenceHtml`. */
async function storedAnswer(evidenceHtml: string, status: "DRAFT" | "SUBMITTED") {
  const member = await createTestMember();
  const area = await prisma.competencyArea.findFirstOrThrow({ where: { version: { currentOf: { some: {} } } }, select: { id: true, versionId: true } });
  const assessment = await prisma.assessment.create({
    data: {
      userId: member.userId,
      versionId: area.versionId,
      draftOwnerId: member.userId,
      answers: { create: { areaId: area.id, evidence: "![chart](https://tracker.example/chart.png)", evidenceHtml } },
    },
    select: { id: true, answers: { select: { id: true } } },
  });
  if (status === "SUBMITTED") {
    await prisma.assessment.update({ where: { id: assessment.id }, data: { status, draftOwnerId: null, submittedAt: new Date() } });
  }
  return assessment.answers[0]!.id;
}

describe("resanitizeStoredImages", () => {
  it("knows every column of stored Markdown HTML in the schema", () => {
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const inSchema = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].flatMap(([, model, body]) =>
      [...body!.matchAll(/^\s+(\w+Html)\s+String/gm)].map(([, column]) => `${model}.${column}`),
    );
    expect(MARKDOWN_HTML_COLUMNS.map(({ table, column }) => `${table}.${column}`).sort()).toEqual(inSchema.sort());
  });

  it("turns outside images in stored HTML into links from the seed, changing nothing else, once", async () => {
    const post = await storedPost(OLD_HTML(author.handle));
    const untouched = await storedPost(`<p>No pictures here, <a href="/members/${author.handle}" rel="nofollow ugc noopener">@${author.handle}</a></p>`);
    await prisma.profile.update({ where: { userId: author.userId }, data: { bio: "![chart](https://tracker.example/chart.png)", bioHtml: OLD_HTML(author.handle) } });
    const draftAnswer = await storedAnswer(OLD_HTML(author.handle), "DRAFT");
    // The database refuses to change a submitted assessment: the sweep leaves it be (and the CSP blocks the image).
    const submittedAnswer = await storedAnswer(OLD_HTML(author.handle), "SUBMITTED");

    const { report } = await seed();

    const line = report.find((entry) => entry.startsWith("images from other hosts made links:")) ?? "";
    for (const column of ["Profile.bioHtml", "AssessmentAnswer.evidenceHtml", "Post.bodyHtml", "PostRevision.bodyHtml"]) {
      expect(line).toMatch(new RegExp(`\\b${column.replace(".", "\\.")} \\d+`));
    }
    const after = await prisma.post.findUniqueOrThrow({ where: { id: post.id }, select: { bodyHtml: true, updatedAt: true } });
    expect(after).toEqual({ bodyHtml: NEW_HTML(author.handle), updatedAt: LONG_AGO });
    expect((await prisma.postRevision.findUniqueOrThrow({ where: { id: post.revisionId } })).bodyHtml).toBe(NEW_HTML(author.handle));
    expect((await prisma.post.findUniqueOrThrow({ where: { id: untouched.id } })).bodyHtml).toBe(
      `<p>No pictures here, <a href="/members/${author.handle}" rel="nofollow ugc noopener">@${author.handle}</a></p>`,
    );
    expect((await prisma.profile.findUniqueOrThrow({ where: { userId: author.userId } })).bioHtml).toBe(NEW_HTML(author.handle));
    expect((await prisma.assessmentAnswer.findUniqueOrThrow({ where: { id: draftAnswer } })).evidenceHtml).toBe(NEW_HTML(author.handle));
    expect((await prisma.assessmentAnswer.findUniqueOrThrow({ where: { id: submittedAnswer } })).evidenceHtml).toBe(OLD_HTML(author.handle));

    // Idempotent: nothing left to do, and a second seed reports nothing.
    expect(await resanitizeStoredImages()).toEqual({});
    expect((await seed()).report.some((line) => line.startsWith("images from other hosts"))).toBe(false);
  });
});
