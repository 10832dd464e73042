import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import { ANONYMOUS, type Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { createTestMember } from "../../../tests/fixtures/members";
import { visibleStatementsWhere } from "./policy";
import { visibleStatementsSql } from "./visibility.server";

const run = `v${Math.random().toString(36).slice(2, 8)}`;
const statements: Record<string, string> = {};
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  const [author, coauthor, associationMember, member, admin] = await Promise.all([
    createTestMember(),
    createTestMember(),
    createTestMember(),
    createTestMember(),
    createTestMember({ role: "ADMIN" }),
  ]);
  Object.assign(actors, {
    visitor: ANONYMOUS,
    member: member.actor,
    associationMember: associationMember.actor,
    author: author.actor,
    coauthor: coauthor.actor,
    admin: admin.actor,
  });
  const { id: associationId } = await prisma.association.create({
    select: { id: true },
    data: { slug: run, name: `Association ${run}`, description: "", descriptionHtml: "", memberships: { create: { userId: associationMember.userId } } },
  });
  const make = async (name: string, data: Omit<Prisma.StatementUncheckedCreateInput, "title">) => {
    statements[name] = (await prisma.statement.create({ data: { title: name, ...data }, select: { id: true } })).id;
  };
  for (const status of ["DRAFT", "OPEN", "ADOPTED", "ARCHIVED"] as const) {
    await make(`community${status}`, { status, authorId: author.userId, coauthors: { create: { userId: coauthor.userId } } });
    await make(`association${status}`, { status, associationId, authorId: author.userId });
  }
});

const expected: Record<string, string[]> = {
  visitor: ["communityOPEN", "communityADOPTED", "communityARCHIVED"],
  member: ["communityOPEN", "communityADOPTED", "communityARCHIVED"],
  associationMember: ["communityOPEN", "communityADOPTED", "communityARCHIVED", "associationOPEN", "associationADOPTED", "associationARCHIVED"],
  author: ["communityDRAFT", "communityOPEN", "communityADOPTED", "communityARCHIVED", "associationDRAFT"],
  coauthor: ["communityDRAFT", "communityOPEN", "communityADOPTED", "communityARCHIVED"],
  admin: [
    "communityDRAFT",
    "communityOPEN",
    "communityADOPTED",
    "communityARCHIVED",
    "associationDRAFT",
    "associationOPEN",
    "associationADOPTED",
    "associationARCHIVED",
  ],
};

describe("visibleStatementsSql", () => {
  it.each(Object.keys(expected))("agrees with visibleStatementsWhere for the %s", async (who) => {
    const actor = actors[who]!;
    const ours = Object.values(statements);
    const names = (ids: string[]) =>
      Object.entries(statements)
        .filter(([, id]) => ids.includes(id))
        .map(([name]) => name)
        .sort();
    const viaPrisma = await prisma.statement.findMany({ where: { AND: [{ id: { in: ours } }, visibleStatementsWhere(actor)] }, select: { id: true } });
    const viaSql = await prisma.$queryRaw<{ id: string }[]>`
      SELECT s."id" FROM "Statement" s WHERE s."id" = ANY(${ours}::text[]) AND ${visibleStatementsSql(actor, "s")}`;
    expect(names(viaSql.map((row) => row.id))).toEqual(names(viaPrisma.map((row) => row.id)));
    expect(names(viaPrisma.map((row) => row.id))).toEqual([...expected[who]!].sort());
  });
});
