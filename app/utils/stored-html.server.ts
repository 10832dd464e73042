/**
 * Stored Markdown HTML under today's rules. HTML is rendered at write time
 * (./markdown.server), so when a rule tightens, what is already stored must be
 * brought in line too: since issue 17 an image from another host is a link,
 * never an <img> that would tell its host who reads what.
 *
 * The seed runs this on every `npm start` and deploy. It reads only rows whose
 * HTML still holds an <img> (none, once it has run: today's renderer writes
 * none) and re-sanitizes that HTML. It does not re-render the Markdown: the
 * rest of the HTML, mention links included, stays exactly as written.
 * `updatedAt` is left alone, as this is no edit. Idempotent, and safe to run
 * from several instances at once.
 */
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { resanitizeStoredHtml } from "./markdown.server";

type HtmlColumn = { table: string; column: string; key?: string; where?: Prisma.Sql };

/** Every column holding HTML rendered by renderMarkdown. */
export const MARKDOWN_HTML_COLUMNS: readonly HtmlColumn[] = [
  { table: "FrameworkVersion", column: "introductionHtml" },
  { table: "CompetencyArea", column: "summaryHtml" },
  { table: "Profile", column: "bioHtml", key: "userId" },
  // A submitted assessment is a snapshot the database refuses to change (a
  // trigger); its evidence is private to its member, and the CSP's img-src
  // keeps any image in it from loading.
  {
    table: "AssessmentAnswer",
    column: "evidenceHtml",
    where: Prisma.sql`NOT EXISTS (SELECT 1 FROM "Assessment" WHERE "Assessment"."id" = "AssessmentAnswer"."assessmentId" AND "Assessment"."status" = 'SUBMITTED')`,
  },
  { table: "Pathway", column: "summaryHtml" },
  { table: "PathwayStep", column: "bodyHtml" },
  { table: "StepCompletion", column: "reflectionHtml" },
  { table: "Association", column: "descriptionHtml" },
  { table: "Post", column: "bodyHtml" },
  { table: "PostRevision", column: "bodyHtml" },
  { table: "Statement", column: "rationaleHtml" },
  { table: "StatementVersion", column: "textHtml" },
  { table: "MentorshipMessage", column: "bodyHtml" },
];

const BATCH = 200;

/** Rewrites stored HTML that still holds an <img>; returns how many rows changed, per "Table.column". */
export async function resanitizeStoredImages(): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  for (const { table, column, key = "id", where } of MARKDOWN_HTML_COLUMNS) {
    const from = Prisma.raw(`"${table}"`);
    const html = Prisma.raw(`"${column}"`);
    const id = Prisma.raw(`"${key}"`);
    const extra = where ? Prisma.sql`AND ${where}` : Prisma.empty;
    let after = "";
    let count = 0;
    for (;;) {
      // Sanitized HTML escapes a "<" in text, so "<img" is only ever a tag.
      const rows = await prisma.$queryRaw<{ id: string; html: string }[]>`
        SELECT ${id} AS "id", ${html} AS "html" FROM ${from}
         WHERE strpos(${html}, '<img') > 0 AND ${id} > ${after} ${extra}
         ORDER BY ${id} LIMIT ${BATCH}`;
      for (const row of rows) {
        // Only if unchanged since read: an edit in between was rendered by today's rules.
        count += await prisma.$executeRaw`
          UPDATE ${from} SET ${html} = ${resanitizeStoredHtml(row.html)}
           WHERE ${id} = ${row.id} AND ${html} = ${row.html}`;
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
    if (count > 0) changed[`${table}.${column}`] = count;
  }
  return changed;
}
