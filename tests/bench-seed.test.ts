// The benchmark's data set (npm run bench:seed) at a tiny scale: the same seed
// gives the same data, and the app's own pages read what the loader wrote as
// if members had written it through the app.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCompetencyProfile } from "~/domain/assessments/profile.server";
import { logIn } from "~/domain/members/accounts.server";
import type { MemberActor } from "~/domain/members/actor";
import { searchPosts } from "~/domain/discussions/search.server";
import { getCategoryPage, getThreadPage } from "~/domain/discussions/threads.server";
import { suggestMentors } from "~/domain/mentoring/suggestions.server";
import type { Database } from "~/utils/db.server";
import { BENCH_PASSWORD, LOGIN_MEMBER, memberEmail, memberId } from "../scripts/bench/plan";
import { benchDigests, BenchSeedRefused, seedBench, withGlobalDatabase, type SeedReport } from "../scripts/bench/seed";
import { openBulk, type Bulk } from "../scripts/bench/sql";
import { openScratchDatabase } from "./setup/test-databases";

const SCALE = 0.002;
// Later seedings skip the migration step: the schema engine keeps its advisory
// lock on a pooled PostgreSQL connection, so a second applyMigrations on the
// same handle waits out the lock's 10-second timeout.

let database: Database;
let dispose: () => Promise<void>;
let bulk: Bulk;
let first: SeedReport;
let firstDigests: Record<string, string>;

const count = async (sql: string) => Number((await bulk.query<{ n: number | string }>(sql))[0]?.n);

beforeAll(async () => {
  ({ database, dispose } = await openScratchDatabase());
  first = await seedBench(database, { scale: SCALE, lanes: 2 });
  bulk = await openBulk(database, 1);
  firstDigests = await benchDigests(bulk);
}, 120_000);

afterAll(async () => {
  await bulk?.close();
  await dispose?.();
});

describe("npm run bench:seed", () => {
  it("loads the scaled counts of the large-association data set", () => {
    expect(first.rows).toMatchObject({
      User: first.counts.members,
      Thread: first.counts.threads,
      Post: first.counts.posts,
      Assessment: first.counts.assessments,
      Association: first.counts.associations,
    });
    expect(first.counts).toEqual({ members: 40, associations: 2, threads: 50, posts: 1000, assessments: 40 });
  });

  it("gives the same data for the same seed, and different data for another seed", async () => {
    await seedBench(database, { scale: SCALE, lanes: 2, migrate: false });
    expect(await benchDigests(bulk)).toEqual(firstDigests);

    await seedBench(database, { scale: SCALE, seed: "another-seed", lanes: 2, migrate: false });
    const other = await benchDigests(bulk);
    expect(other.posts).not.toBe(firstDigests.posts);
    expect(other.members).not.toBe(firstDigests.members);
  }, 120_000);

  it("keeps every thread's counters in step with its posts, and fills every search vector", async () => {
    expect(
      await count(`SELECT count(*) AS n FROM "Thread" t WHERE
        t."lastPostNumber" <> (SELECT count(*) FROM "Post" p WHERE p."threadId" = t."id")
        OR t."replyCount" <> (SELECT count(*) FROM "Post" p WHERE p."threadId" = t."id" AND p."number" > 1 AND p."deletedAt" IS NULL)
        OR t."lastPostAt" <> (SELECT max(p."createdAt") FROM "Post" p WHERE p."threadId" = t."id")
        OR t."lastPosterId" IS DISTINCT FROM (SELECT p."authorId" FROM "Post" p WHERE p."threadId" = t."id" ORDER BY p."number" DESC LIMIT 1)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "Post" WHERE "searchVector" IS NULL`)).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Post" p WHERE p."helpfulCount" <> (SELECT count(*) FROM "PostReaction" r WHERE r."postId" = p."id")`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "Association" a WHERE a."memberCount" <> (SELECT count(*) FROM "AssociationMembership" m WHERE m."associationId" = a."id")`),
    ).toBe(0);
    // The indexes set aside during the load are all back.
    expect(await count(`SELECT count(*) AS n FROM pg_indexes WHERE "tablename" = 'Post'`)).toBe(5);
  });

  it("lets the benchmark's member log in and read the 50-post thread, the category list, search and their competency profile", async () => {
    await withGlobalDatabase(database, async () => {
      const login = await logIn({ email: memberEmail(LOGIN_MEMBER), password: BENCH_PASSWORD });
      expect(login.ok).toBe(true);
      const actor: MemberActor = {
        kind: "member",
        userId: memberId(LOGIN_MEMBER),
        sessionId: "",
        role: "MEMBER",
        handle: "",
        displayName: "",
        onboarded: true,
        confirmed: true,
      };

      const page = await getThreadPage(actor, "bench-t-0000001");
      expect(page?.posts.map((post) => post.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(page?.posts.every((post) => post.state === "visible" && post.bodyHtml?.startsWith("<"))).toBe(true);
      expect(page?.page.hasLater).toBe(false);

      const [association] = await bulk.query<{ slug: string }>(`SELECT "slug" FROM "Association" WHERE "id" = 'bench-a-0001'`);
      const list = await getCategoryPage(actor, association!.slug, "members", null);
      expect(list?.threads.length).toBeGreaterThan(0);
      const designated = list?.threads.find((thread) => thread.id === "bench-t-0000001");
      expect(designated?.replyCount).toBe(49);

      const search = await searchPosts(actor, { q: "outcomes measurement" });
      expect(search.results.length).toBeGreaterThan(0);

      const profile = await getCompetencyProfile(actor);
      expect(profile.kind).toBe("profile");
    });
  });

  it("has mentors offering in their strong areas within capacity, and suggests some to the benchmark's member", async () => {
    // Every offered area is one the mentor's latest assessment puts at stage 3 or above.
    expect(
      await count(`SELECT count(*) AS n FROM "MentoringPreference" p, unnest(p."offerAreas") AS o("slug")
        WHERE NOT EXISTS (
          SELECT 1 FROM "AssessmentAnswer" ans JOIN "CompetencyArea" ar ON ar."id" = ans."areaId" JOIN "ProficiencyStage" st ON st."id" = ans."stageId"
           WHERE ans."assessmentId" = (SELECT a."id" FROM "Assessment" a WHERE a."userId" = p."userId" AND a."status" = 'SUBMITTED'
                                        ORDER BY a."submittedAt" DESC LIMIT 1)
             AND ar."slug" = o."slug" AND st."position" >= 3)`),
    ).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM "MentoringPreference" WHERE "offering"`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM "MentoringPreference" WHERE "offering" AND cardinality("offerAreas") = 0`)).toBe(0);
    expect(
      await count(`SELECT count(*) AS n FROM "MentoringPreference" p
        WHERE (SELECT count(*) FROM "Mentorship" m WHERE m."mentorId" = p."userId" AND m."status" = 'ACTIVE') > p."capacity"`),
    ).toBe(0);
    const [me] = await bulk.query<{ offering: boolean; seeking: boolean }>(
      `SELECT "offering", "seeking" FROM "MentoringPreference" WHERE "userId" = '${memberId(LOGIN_MEMBER)}'`,
    );
    expect(me).toEqual({ offering: false, seeking: true });

    const suggestions = await withGlobalDatabase(database, () => suggestMentors(memberId(LOGIN_MEMBER)));
    expect(suggestions.kind).toBe("suggestions");
    const handles = suggestions.kind === "suggestions" ? suggestions.items.map((item) => item.handle) : [];
    expect(handles.length).toBeGreaterThan(0);
    const offering = await bulk.query<{ handle: string }>(`
      SELECT pr."handle" FROM "MentoringPreference" p JOIN "Profile" pr ON pr."userId" = p."userId"
       WHERE p."offering" AND p."offerPausedAt" IS NULL`);
    expect(offering.map((row) => row.handle)).toEqual(expect.arrayContaining(handles));
  });

  it("refuses a database with members it did not create, and leaves it as it was", async () => {
    await bulk.exec(
      0,
      `INSERT INTO "User" ("id", "email", "passwordHash", "updatedAt") VALUES ('someone-real', 'real@example.org', 'x', now());`,
    );
    await expect(seedBench(database, { scale: SCALE, migrate: false })).rejects.toBeInstanceOf(BenchSeedRefused);
    expect(await count(`SELECT count(*) AS n FROM "Post"`)).toBe(first.counts.posts);
    await bulk.exec(0, `DELETE FROM "User" WHERE "id" = 'someone-real';`);
  }, 60_000);
});
