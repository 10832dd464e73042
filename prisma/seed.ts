/**
 * npm run db:seed [-- --demo] — loads content/ into the configured database.
 * Idempotent: unchanged content is skipped, so a second run changes nothing.
 * Changed pathways are updated in place. A framework version that members
 * assessed against cannot change: corrected framework text gets a new version
 * number in content/, and the new version replaces the old one in use.
 * A malformed content file (frameworks, pathways, the CHCP rule set in
 * content/credentials) stops the seed with the file name and the problem.
 * It also brings Markdown HTML stored under earlier rules in line with today's
 * (app/utils/stored-html.server.ts): `npm start` and every deploy run it.
 */
import path from "node:path";
import { ContentError, loadAllFrameworks } from "~/domain/competencies/content.server";
import {
  ensureCurrentFrameworkVersion,
  saveFrameworkVersion,
  supersedeCurrentFrameworkVersion,
} from "~/domain/competencies/frameworks.server";
import { loadRuleSets, RulesError } from "~/domain/credentials/rules.server";
import { ensureCommunityForum } from "~/domain/discussions/community.server";
import { seedPathways } from "~/domain/pathways/content.server";
import { closeDatabase, describeTarget, getDatabase, prisma } from "~/utils/db.server";
import { resanitizeStoredImages } from "~/utils/stored-html.server";
import { expectOk } from "~/utils/result";

export async function seed(options: { contentDir?: string; demo?: boolean } = {}) {
  const contentDir = options.contentDir ?? path.resolve("content");
  const database = getDatabase();
  const frameworks = await loadAllFrameworks(contentDir);
  const report: string[] = [];
  for (const { document, contentHash } of frameworks) {
    const { outcome, versionId } = expectOk(await saveFrameworkVersion(document, contentHash, { publish: true }));
    await ensureCurrentFrameworkVersion(versionId);
    // A new version number in content/ (the text of a version members assessed against cannot change in place).
    const superseded = outcome === "created" && (await supersedeCurrentFrameworkVersion(versionId));
    report.push(`framework ${document.slug} ${document.version}: ${outcome}${superseded ? ", now in use" : ""}`);
  }
  report.push(`community forum: ${await ensureCommunityForum()}`);
  report.push(...(await seedPathways(contentDir)));
  // The CHCP rule set is read by the server from content/credentials: a malformed file stops the seed here, by name.
  report.push(...loadRuleSets(path.join(contentDir, "credentials")).map((rules) => `credential rules ${rules.credential} ${rules.version}: valid`));
  if (options.demo) {
    const { seedDemo } = await import("./demo");
    report.push(...(await seedDemo()));
    // Demo members joined "months ago": their first digest starts now, not at that date.
    await prisma.user.updateMany({
      where: { email: { endsWith: "@demo.cme-commons.org" }, digestCursor: null },
      data: { digestCursor: new Date() },
    });
  }
  // Images from other hosts in HTML stored before issue 17 become links (see the module).
  const resanitized = Object.entries(await resanitizeStoredImages());
  if (resanitized.length > 0) {
    report.push(`images from other hosts made links: ${resanitized.map(([column, rows]) => `${column} ${rows}`).join(", ")}`);
  }
  return { target: describeTarget(database.target), report };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { target, report } = await seed({ demo: process.argv.includes("--demo") });
    console.log(`Seeded ${target}:\n${report.map((line) => `  ${line}`).join("\n")}`);
  } catch (error) {
    console.error(
      error instanceof ContentError || error instanceof RulesError
        ? `✖ Content error in ${error.message}`
        : error,
    );
    process.exitCode = 1;
  } finally {
    await closeDatabase();
  }
}
