/**
 * The "large association" data set as a plan: pure, deterministic functions
 * of (seed, scale, framework and pathway content). Nothing here touches the
 * database; ./seed.ts turns the plan into rows.
 *
 * Shape at scale 1: 20,000 members, 100 associations (sizes skewed: one large
 * association with 40% of the members, many small ones), 25,000 threads (10%
 * in the community forum, the rest skewed toward the big associations),
 * 500,000 posts (an exponential spread around 20 a thread, with one thread of
 * exactly 50 in the large association), 20,000 submitted assessments and
 * pathway progress.
 */
import { slugify as slugifyAssociation } from "~/domain/associations/schemas";
import { threadSlug as slugifyThread } from "~/domain/discussions/schemas";
import { stream, type Rng } from "./rng";
import * as text from "./text";

// ─── Fixed points ───────────────────────────────────────────────────────────

/** Every timestamp of the data set is before this instant (fixed, so the data never depends on the clock). */
export const END = Date.UTC(2026, 8, 1);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Members joined over the three years before END. */
const START = END - 3 * 365 * DAY;

/** The password of every benchmark member. */
export const BENCH_PASSWORD = "bench-commons-2026";
export const DEFAULT_SEED = "cme-bench-1";

export const pad = (value: number, width: number) => String(value).padStart(width, "0");
export const memberId = (index: number) => `bench-u-${pad(index + 1, 6)}`;
export const memberEmail = (index: number) => `member-${pad(index + 1, 6)}@bench.example.org`;
/** The member the benchmark logs in as: a regular member of the large association, with assessments. */
export const LOGIN_MEMBER = 1;
/** The large association's owner. */
export const OWNER_MEMBER = 0;

export type Counts = { members: number; associations: number; threads: number; posts: number; assessments: number };

export function countsFor(scale: number): Counts {
  if (!(scale >= 0.001 && scale <= 100)) throw new Error(`--scale must be between 0.001 and 100 (got ${scale})`);
  return {
    members: Math.max(20, Math.round(20_000 * scale)),
    associations: Math.max(2, Math.round(100 * scale)),
    threads: Math.max(25, Math.round(25_000 * scale)),
    posts: Math.max(500, Math.round(500_000 * scale)),
    assessments: Math.max(10, Math.round(20_000 * scale)),
  };
}

/** What the plan needs from the content the regular seed loaded. */
export type ContentRefs = {
  /** Current framework: area ids in position order, stage ids in position order. */
  areas: { id: string; slug: string }[];
  stages: { id: string; position: number }[];
  versionId: string;
  /** The community forum and its categories in order. */
  communityForumId: string;
  communityCategories: { id: string; visibility: Visibility }[];
  /** Published site pathways with their current steps in order. */
  pathways: { id: string; slug: string; steps: string[] }[];
};

export type Visibility = "PUBLIC" | "MEMBERS" | "ASSOCIATION";

// ─── Members ────────────────────────────────────────────────────────────────

export type MemberPlan = {
  index: number;
  id: string;
  handle: string;
  displayName: string;
  createdAt: number;
};

export function planMembers(seed: string, count: number): MemberPlan[] {
  return Array.from({ length: count }, (_, index) => {
    const rng = stream(seed, "member", index);
    const first = rng.pick(text.FIRST_NAMES);
    const last = rng.pick(text.LAST_NAMES);
    return {
      index,
      id: memberId(index),
      handle: `${first}-${last}-${index + 1}`.toLowerCase().slice(0, 30),
      displayName: `${first} ${last}`,
      createdAt: START + Math.floor(rng.next() * (2 * 365 * DAY)),
    };
  });
}

// ─── Associations ───────────────────────────────────────────────────────────

export type CategoryPlan = { id: string; slug: string; name: string; description: string; visibility: Visibility; position: number };

export type AssociationPlan = {
  index: number;
  id: string;
  forumId: string;
  slug: string;
  name: string;
  description: string;
  joinPolicy: "OPEN" | "APPROVAL" | "INVITE";
  createdAt: number;
  /** Member indices; the first is the owner. */
  members: number[];
  moderators: Set<number>;
  joinedAt: Map<number, number>;
  categories: CategoryPlan[];
};

/** Members of association `a` (0 = the large one): 40% of everyone, then a Zipf-like fall. */
function associationSize(a: number, members: number): number {
  return Math.min(members, Math.max(Math.min(5, members), Math.round((0.4 * members) / (a + 1) ** 0.9)));
}

export function planAssociations(
  seed: string,
  counts: Counts,
  members: MemberPlan[],
  starterCategories: readonly { slug: string; name: string; description: string; visibility: string; position: number }[],
): AssociationPlan[] {
  const usedSlugs = new Set(["community", "new"]);
  return Array.from({ length: counts.associations }, (_, a) => {
    const rng = stream(seed, "association", a);
    const name = text.associationName(rng, a);
    let slug = slugifyAssociation(name);
    if (usedSlugs.has(slug)) slug = `${slug.slice(0, 44)}-${a + 1}`;
    usedSlugs.add(slug);
    const size = associationSize(a, members.length);
    // The large association: the owner and the benchmark's member first, in that order.
    const picked =
      a === 0
        ? [OWNER_MEMBER, LOGIN_MEMBER, ...rng.sample(members.length - 2, size - 2).map((i) => i + 2)]
        : rng.sample(members.length, size);
    const owner = members[picked[0]!]!;
    const createdAt = Math.max(owner.createdAt + DAY, START + Math.floor(rng.next() * 200 * DAY));
    const moderatorCount = Math.max(1, Math.round(size / 150));
    const moderators = new Set(picked.slice(1, 1 + moderatorCount).filter((i) => i !== LOGIN_MEMBER));
    const joinedAt = new Map<number, number>();
    for (const [position, index] of picked.entries()) {
      const member = members[index]!;
      const from = Math.max(createdAt, member.createdAt + HOUR);
      joinedAt.set(index, position === 0 ? createdAt : from + Math.floor(rng.next() * 120 * DAY));
    }
    const id = `bench-a-${pad(a + 1, 4)}`;
    const categories: CategoryPlan[] = starterCategories.map((category, k) => ({
      id: `bench-c-${pad(a + 1, 4)}-${k + 1}`,
      slug: category.slug,
      name: category.name,
      description: category.description,
      visibility: category.visibility as Visibility,
      position: category.position,
    }));
    // Bigger associations add their own categories (as createCategory would: slug from the name, appended at the end).
    if (a < Math.max(1, Math.ceil(counts.associations / 5))) {
      for (const extra of text.EXTRA_CATEGORIES) {
        categories.push({
          id: `bench-c-${pad(a + 1, 4)}-${categories.length + 1}`,
          slug: slugifyAssociation(extra.name, 40),
          name: extra.name,
          description: extra.description,
          visibility: extra.visibility,
          position: categories.length + 1,
        });
      }
    }
    return {
      index: a,
      id,
      forumId: `bench-f-${pad(a + 1, 4)}`,
      slug,
      name,
      description: rng.pick(text.ASSOCIATION_DESCRIPTIONS),
      joinPolicy: a === 0 ? "OPEN" : rng.weighted([["OPEN", 6], ["APPROVAL", 3], ["INVITE", 1]] as const),
      createdAt,
      members: picked,
      moderators,
      joinedAt,
      categories,
    };
  });
}

// ─── Threads ────────────────────────────────────────────────────────────────

export type ThreadPlan = {
  index: number;
  id: string;
  /** -1 for the community forum. */
  association: number;
  forumId: string;
  categoryId: string;
  visibility: Visibility;
  authorIdx: number;
  title: string;
  slug: string;
  kind: "DISCUSSION" | "QUESTION";
  tags: string[];
  areaSlugs: string[];
  createdAt: number;
  postCount: number;
  pinned: boolean;
  locked: boolean;
  /** The large association's thread of exactly 50 posts (the thread-page scenario). */
  designated: boolean;
};

/** Splits `total` by `weights` into integers that add up exactly (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const result = exact.map(Math.floor);
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = exact.map((value, i) => [value - Math.floor(value), i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    result[i]!++;
    left--;
  }
  return result;
}

export const threadId = (index: number) => `bench-t-${pad(index + 1, 7)}`;
export const postId = (thread: number, number: number) => `bench-p-${pad(thread + 1, 7)}-${pad(number, 4)}`;

export function planThreads(
  seed: string,
  counts: Counts,
  members: MemberPlan[],
  associations: AssociationPlan[],
  content: ContentRefs,
): ThreadPlan[] {
  const communityThreads = Math.round(counts.threads * 0.1);
  const perAssociation = apportion(
    counts.threads - communityThreads,
    associations.map((_, a) => 1 / (a + 1) ** 1.2),
  );
  const threads: ThreadPlan[] = [];
  let designatedDone = false;
  const areaSlugs = content.areas.map((area) => area.slug);

  const addThread = (rng: Rng, association: AssociationPlan | null, category: { id: string; visibility: Visibility }, authorIdx: number) => {
    const index = threads.length;
    const title = text.threadTitle(rng);
    const author = members[authorIdx]!;
    const earliest = Math.max(
      author.createdAt + DAY,
      association ? (association.joinedAt.get(authorIdx) ?? association.createdAt) : author.createdAt + DAY,
    );
    const designated = !designatedDone && association?.index === 0 && category.visibility === "ASSOCIATION";
    if (designated) designatedDone = true;
    const latest = END - 3 * DAY;
    threads.push({
      index,
      id: threadId(index),
      association: association?.index ?? -1,
      forumId: association?.forumId ?? content.communityForumId,
      categoryId: category.id,
      visibility: category.visibility,
      authorIdx,
      title,
      slug: slugifyThread(title),
      kind: !designated && rng.chance(0.2) ? "QUESTION" : "DISCUSSION",
      tags: rng.chance(0.6) ? rng.sample(text.TAGS.length, rng.int(1, 3)).map((i) => text.TAGS[i]!) : [],
      areaSlugs: areaSlugs.length > 0 && rng.chance(0.4) ? rng.sample(areaSlugs.length, rng.int(1, 2)).map((i) => areaSlugs[i]!) : [],
      createdAt: earliest >= latest ? latest : earliest + Math.floor(rng.next() * (latest - earliest)),
      postCount: 0,
      pinned: false,
      locked: !designated && rng.chance(0.01),
      designated,
    });
  };

  // Association threads first (so the large association's designated thread is thread #1).
  for (const association of associations) {
    const rng = stream(seed, "threads", association.index);
    const announcements = association.categories[0]!;
    const staff = [association.members[0]!, ...association.moderators];
    const categoryWeights = association.categories.map((category, k) => [category, k === 0 ? 5 : k === 1 ? 65 : 15] as const);
    for (let t = 0; t < perAssociation[association.index]!; t++) {
      // The very first thread of the large association goes to its members' category.
      const category = association.index === 0 && t === 0 ? association.categories[1]! : rng.weighted(categoryWeights);
      const authorIdx =
        category === announcements ? rng.pick(staff) : association.members[rng.skewed(association.members.length, 1.6)]!;
      addThread(rng, association, category, authorIdx);
    }
    // One pinned announcement per association.
    const firstAnnouncement = threads.find((thread) => thread.categoryId === announcements.id);
    if (firstAnnouncement) firstAnnouncement.pinned = true;
  }
  const rng = stream(seed, "threads", "community");
  const communityWeights = content.communityCategories.map((category, k) => [category, k === 0 ? 3 : 2] as const);
  for (let t = 0; t < communityThreads; t++) {
    addThread(rng, null, rng.weighted(communityWeights), rng.skewed(members.length, 1.4));
  }

  // Posts per thread: exponential around the mean, then nudged to the exact total.
  const mean = counts.posts / counts.threads;
  const countRng = stream(seed, "post-counts");
  for (const thread of threads) {
    thread.postCount = thread.designated ? 50 : Math.min(Math.round(mean * 15), 1 + Math.floor(countRng.exponential(mean - 1)));
  }
  let diff = counts.posts - threads.reduce((sum, thread) => sum + thread.postCount, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % threads.length) {
    const thread = threads[i]!;
    if (thread.designated) continue;
    if (diff > 0) {
      thread.postCount++;
      diff--;
    } else if (thread.postCount > 1) {
      thread.postCount--;
      diff++;
    }
  }
  return threads;
}

// ─── Posts (generated per thread, on demand) ────────────────────────────────

export type PostPlan = {
  number: number;
  authorIdx: number;
  createdAt: number;
  /** Index into the body pool. */
  body: number;
  replyToNumber: number | null;
  deletedAt: number | null;
  /** Edited once: the revision keeps the original text (another body of the pool). */
  editedAt: number | null;
  originalBody: number | null;
  reactors: number[];
};

export type BodyPool = { plain: number; quoting: number; mentioning: number };

/** Body pool layout: [0, plain) plain, then quoting bodies, then bodies with an @mention. */
export function bodyPoolFor(posts: number): BodyPool {
  const size = Math.min(4000, Math.max(200, Math.round(posts / 20)));
  const quoting = Math.round(size * 0.15);
  const mentioning = Math.round(size * 0.05);
  return { plain: size - quoting - mentioning, quoting, mentioning };
}

export type ThreadPosts = {
  posts: PostPlan[];
  lastPostAt: number;
  lastPosterIdx: number;
  replyCount: number;
  acceptedNumber: number | null;
  /** Reading state the app keeps: every poster watches the thread, read up to their last post. */
  readers: { memberIdx: number; lastReadNumber: number; firstAt: number; lastAt: number }[];
};

export function planPosts(
  seed: string,
  thread: ThreadPlan,
  members: MemberPlan[],
  association: AssociationPlan | null,
  pool: BodyPool,
): ThreadPosts {
  const rng = stream(seed, "posts", thread.index);
  const n = thread.postCount;
  const pickMember = () =>
    association
      ? association.members[rng.skewed(association.members.length, 1.6)]!
      : rng.skewed(members.length, 1.4);

  // Timeline: gaps with a mean that spreads the thread over about a week or two, kept before END.
  // (Each gap is at least a minute: leave room for that too.)
  const span = Math.min(END - HOUR - thread.createdAt - n * MINUTE, rng.exponential(7 * DAY) + n * 2 * HOUR);
  const gaps = Array.from({ length: n - 1 }, () => rng.next() + 0.02);
  const gapTotal = gaps.reduce((a, b) => a + b, 0) || 1;
  const times: number[] = [thread.createdAt];
  for (const gap of gaps) times.push(times[times.length - 1]! + Math.max(MINUTE, Math.floor((gap / gapTotal) * span)));

  const posts: PostPlan[] = [];
  for (let number = 1; number <= n; number++) {
    const authorIdx = number === 1 ? thread.authorIdx : rng.chance(0.25) ? thread.authorIdx : pickMember();
    const createdAt = times[number - 1]!;
    const quoting = number > 2 && rng.chance(0.12);
    const mentioning = !quoting && rng.chance(0.04);
    const body = quoting
      ? pool.plain + rng.int(0, pool.quoting - 1)
      : mentioning
        ? pool.plain + pool.quoting + rng.int(0, pool.mentioning - 1)
        : rng.int(0, pool.plain - 1);
    const deleted = number > 1 && !thread.designated && rng.chance(0.003);
    const edited = !deleted && rng.chance(0.02);
    const reactors: number[] = [];
    if (!deleted && rng.chance(0.08)) {
      const wanted = rng.int(1, 4);
      for (let attempt = 0; attempt < wanted * 3 && reactors.length < wanted; attempt++) {
        const reactor = pickMember();
        if (reactor !== authorIdx && !reactors.includes(reactor)) reactors.push(reactor);
      }
    }
    posts.push({
      number,
      authorIdx,
      createdAt,
      body,
      replyToNumber: quoting ? rng.int(1, number - 1) : null,
      deletedAt: deleted ? createdAt + HOUR : null,
      editedAt: edited ? createdAt + 30 * MINUTE : null,
      originalBody: edited ? rng.int(0, pool.plain - 1) : null,
      reactors,
    });
  }

  const last = posts[n - 1]!;
  let acceptedNumber: number | null = null;
  if (thread.kind === "QUESTION" && n > 1 && rng.chance(0.6)) {
    const candidates = posts.filter((post) => post.number > 1 && !post.deletedAt && post.authorIdx !== thread.authorIdx);
    if (candidates.length > 0) acceptedNumber = rng.pick(candidates).number;
  }
  const readers = new Map<number, { memberIdx: number; lastReadNumber: number; firstAt: number; lastAt: number }>();
  for (const post of posts) {
    const reader = readers.get(post.authorIdx);
    if (reader) {
      reader.lastReadNumber = post.number;
      reader.lastAt = post.createdAt;
    } else {
      readers.set(post.authorIdx, { memberIdx: post.authorIdx, lastReadNumber: post.number, firstAt: post.createdAt, lastAt: post.createdAt });
    }
  }
  return {
    posts,
    lastPostAt: last.createdAt,
    lastPosterIdx: last.authorIdx,
    replyCount: posts.filter((post) => post.number > 1 && !post.deletedAt).length,
    acceptedNumber,
    readers: [...readers.values()],
  };
}

/** The bodies of the pool, in Markdown (rendered once by the loader). */
export function planBodies(seed: string, pool: BodyPool, members: MemberPlan[]): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < pool.plain; i++) bodies.push(text.postBody(stream(seed, "body", i)));
  for (let i = 0; i < pool.quoting; i++) {
    const rng = stream(seed, "body-quote", i);
    const quoted = members[rng.int(0, members.length - 1)]!;
    bodies.push(text.postBody(rng, { quote: { name: quoted.displayName, number: rng.int(1, 20) } }));
  }
  for (let i = 0; i < pool.mentioning; i++) {
    const rng = stream(seed, "body-mention", i);
    const mentioned = members[rng.int(0, Math.min(members.length, 500) - 1)]!;
    bodies.push(text.postBody(rng, { mention: mentioned.handle }));
  }
  return bodies;
}

// ─── Profiles, assessments, pathways ────────────────────────────────────────

const ORG_TYPES = ["HOSPITAL_HEALTH_SYSTEM", "SCHOOL_OF_MEDICINE", "MEDICAL_SOCIETY", "EDUCATION_COMPANY", "OTHER"] as const;
const ARCHETYPES = ["ACCREDITATION_SPECIALIST", "PROGRAM_DEVELOPER", "MEDICAL_EDUCATION_TECHNOLOGIST", "ACADEMIC_CME_LEADER", "OTHER"] as const;
const LEVELS = ["COORDINATOR", "MANAGER", "DIRECTOR", "VICE_PRESIDENT", "OTHER"] as const;
const BACKGROUNDS = ["CLINICAL", "ADMINISTRATIVE", "MEETING_PLANNING", "EDUCATION", "OTHER"] as const;
const SYSTEMS = ["ACCME", "EACCME", "OTHER"] as const;

type ProfileVisibility = "PUBLIC" | "MEMBERS" | "PRIVATE";

export type ProfilePlan = {
  jobTitle: string | null;
  organization: string | null;
  organizationType: (typeof ORG_TYPES)[number] | null;
  roleArchetype: (typeof ARCHETYPES)[number] | null;
  careerLevel: (typeof LEVELS)[number] | null;
  background: (typeof BACKGROUNDS)[number] | null;
  yearsInField: number | null;
  credentials: string[];
  accreditationSystem: (typeof SYSTEMS)[number] | null;
  bio: string | null;
  professionalVisibility: ProfileVisibility;
  backgroundVisibility: ProfileVisibility;
  bioVisibility: ProfileVisibility;
  competencyVisibility: ProfileVisibility;
  emailFrequency: "NONE" | "IMMEDIATE" | "DAILY" | "WEEKLY";
};

export function planProfile(seed: string, member: MemberPlan): ProfilePlan {
  const rng = stream(seed, "profile", member.index);
  const complete = member.index === LOGIN_MEMBER || rng.chance(0.7);
  const visibility = (): ProfileVisibility => rng.weighted([["PUBLIC", 3], ["MEMBERS", 6], ["PRIVATE", 1]] as const);
  const years = rng.int(0, 25);
  return {
    jobTitle: complete ? rng.pick(text.JOB_TITLES) : null,
    organization: complete ? rng.pick(text.ORGANIZATIONS) : null,
    organizationType: complete ? rng.pick(ORG_TYPES) : null,
    roleArchetype: complete || rng.chance(0.5) ? rng.pick(ARCHETYPES) : null,
    careerLevel: complete ? rng.pick(LEVELS) : null,
    background: complete ? rng.pick(BACKGROUNDS) : null,
    yearsInField: complete ? years : null,
    credentials: complete && rng.chance(0.4) ? rng.sample(text.CREDENTIALS.length, rng.int(1, 2)).map((i) => text.CREDENTIALS[i]!) : [],
    accreditationSystem: complete ? rng.weighted([["ACCME", 6], ["EACCME", 3], ["OTHER", 1]] as const) : null,
    bio: complete && rng.chance(0.6) ? text.bio(rng) : null,
    professionalVisibility: member.index === LOGIN_MEMBER ? "MEMBERS" : visibility(),
    backgroundVisibility: member.index === LOGIN_MEMBER ? "MEMBERS" : visibility(),
    bioVisibility: member.index === LOGIN_MEMBER ? "MEMBERS" : visibility(),
    competencyVisibility:
      member.index === LOGIN_MEMBER ? "MEMBERS" : rng.weighted([["PRIVATE", 6], ["MEMBERS", 3], ["PUBLIC", 1]] as const),
    emailFrequency: rng.weighted([["WEEKLY", 10], ["DAILY", 4], ["IMMEDIATE", 3], ["NONE", 3]] as const),
  };
}

export type AssessmentPlan = {
  index: number;
  id: string;
  memberIdx: number;
  isBaseline: boolean;
  submittedAt: number;
  /** Per area (position order): stage position 1..5, target position or null, evidence (pool index) or null, links. */
  answers: { stage: number; target: number | null; evidence: number | null; links: string[] }[];
};

export const EVIDENCE_POOL = 300;
export const REFLECTION_POOL = 300;

export function planAssessments(seed: string, counts: Counts, members: MemberPlan[], areaCount: number): AssessmentPlan[] {
  const rng = stream(seed, "assessment-members");
  const total = counts.assessments;
  const assessed = Math.min(members.length, Math.round(total * 0.8));
  const twice = Math.min(assessed, total - assessed);
  // The benchmark's member is assessed twice (baseline and a later review).
  const chosen = [LOGIN_MEMBER, ...rng.sample(members.length, assessed + 1).filter((i) => i !== LOGIN_MEMBER)].slice(0, assessed);
  const plans: AssessmentPlan[] = [];
  for (const [k, memberIdx] of chosen.entries()) {
    const member = members[memberIdx]!;
    const mrng = stream(seed, "assessment", memberIdx);
    const rounds = k < twice ? 2 : 1;
    const base = Array.from({ length: areaCount }, () => Math.min(5, Math.max(1, 1 + Math.floor(mrng.next() * 3))));
    let at = member.createdAt + DAY + Math.floor(mrng.next() * 60 * DAY);
    for (let round = 0; round < rounds; round++) {
      const index = plans.length;
      plans.push({
        index,
        id: `bench-as-${pad(index + 1, 7)}`,
        memberIdx,
        isBaseline: round === 0,
        submittedAt: Math.min(at, END - DAY + round * HOUR),
        answers: base.map((stage0) => {
          const stage = Math.min(5, stage0 + (round > 0 && mrng.chance(0.4) ? 1 : 0));
          return {
            stage,
            target: mrng.chance(0.8) ? Math.min(5, stage + mrng.int(0, 2)) : null,
            evidence: mrng.chance(0.35) ? mrng.int(0, EVIDENCE_POOL - 1) : null,
            links: mrng.chance(0.1) ? [`https://example.org/evidence/${memberIdx + 1}/${round + 1}`] : [],
          };
        }),
      });
      at += 120 * DAY + Math.floor(mrng.next() * 200 * DAY);
    }
  }
  return plans;
}

export type EnrolmentPlan = {
  id: string;
  memberIdx: number;
  pathwayId: string;
  enrolledAt: number;
  completedAt: number | null;
  completions: { id: string; stepId: string; completedAt: number; reflection: number; evidenceUrl: string | null }[];
};

export function planEnrolments(seed: string, members: MemberPlan[], pathways: ContentRefs["pathways"]): EnrolmentPlan[] {
  const plans: EnrolmentPlan[] = [];
  if (pathways.length === 0) return plans;
  for (const member of members) {
    const rng = stream(seed, "enrolment", member.index);
    const howMany = member.index === LOGIN_MEMBER ? 2 : rng.weighted([[0, 55], [1, 35], [2, 10]] as const);
    const chosen = rng.sample(pathways.length, howMany);
    for (const p of chosen) {
      const pathway = pathways[p]!;
      const enrolledAt = member.createdAt + HOUR + Math.floor(rng.next() * 300 * DAY);
      const done = rng.int(0, pathway.steps.length);
      let at = enrolledAt;
      const completions = pathway.steps.slice(0, done).map((stepId, k) => {
        at += HOUR + Math.floor(rng.next() * 20 * DAY);
        return {
          id: `bench-sc-${pad(member.index + 1, 6)}-${p + 1}-${k + 1}`,
          stepId,
          completedAt: Math.min(at, END - HOUR),
          reflection: rng.int(0, REFLECTION_POOL - 1),
          evidenceUrl: rng.chance(0.2) ? `https://example.org/evidence/${member.index + 1}/step-${k + 1}` : null,
        };
      });
      plans.push({
        id: `bench-e-${pad(member.index + 1, 6)}-${p + 1}`,
        memberIdx: member.index,
        pathwayId: pathway.id,
        enrolledAt: Math.min(enrolledAt, END - 2 * HOUR),
        completedAt: pathway.steps.length > 0 && done === pathway.steps.length ? completions[completions.length - 1]!.completedAt : null,
        completions,
      });
    }
  }
  return plans;
}

// ─── Mentoring ──────────────────────────────────────────────────────────────

export type MentoringPreferencePlan = {
  memberIdx: number;
  offering: boolean;
  /** Area slugs: the areas of the member's latest assessment at stage 3 or above. */
  offerAreas: string[];
  capacity: number;
  offerNote: string;
  offerPausedAt: number | null;
  seeking: boolean;
  /** Empty: the member's gaps (the app's default when they do not choose). */
  seekAreas: string[];
  hopes: string;
  createdAt: number;
};

export type MentorshipPlan = { id: string; mentorIdx: number; menteeIdx: number; areas: string[]; startedAt: number };

export type MentoringPlan = { preferences: MentoringPreferencePlan[]; mentorships: MentorshipPlan[] };

/** Share of assessed members who offer to mentor (those with an area at stage 3 or above). */
export const MENTOR_SHARE = 0.12;

/**
 * Mentoring settings: about one assessed member in eight offers to mentor in
 * the areas their latest assessment puts at stage 3 or above (capacity 1–3,
 * some paused), a few look for a mentor in their gaps, and some mentors are
 * already busy with active mentees (a few at capacity). The benchmark's member
 * looks for a mentor in their gaps, has at least three mentors to be suggested,
 * and mentors no one.
 */
export function planMentoring(seed: string, members: MemberPlan[], assessments: AssessmentPlan[], areaSlugs: string[]): MentoringPlan {
  const latest = new Map<number, AssessmentPlan>();
  for (const assessment of assessments) latest.set(assessment.memberIdx, assessment);
  const preferences: MentoringPreferencePlan[] = [];
  const mentorships: MentorshipPlan[] = [];
  for (const member of members) {
    const assessment = latest.get(member.index);
    if (!assessment) continue;
    const rng = stream(seed, "mentoring", member.index);
    const strong = assessment.answers.flatMap((answer, k) => (answer.stage >= 3 && areaSlugs[k] ? [areaSlugs[k]!] : []));
    const offering = member.index !== LOGIN_MEMBER && strong.length > 0 && rng.chance(MENTOR_SHARE);
    const seeking = member.index === LOGIN_MEMBER || (!offering && rng.chance(0.04));
    if (!offering && !seeking) continue;
    const createdAt = Math.min(END - HOUR, assessment.submittedAt + DAY + Math.floor(rng.next() * 30 * DAY));
    const capacity = offering ? rng.int(1, 3) : 1;
    const paused = offering && rng.chance(0.15);
    preferences.push({
      memberIdx: member.index,
      offering,
      offerAreas: offering ? strong.slice(0, 4) : [],
      capacity,
      offerNote: offering ? rng.pick(text.MENTOR_NOTES) : "",
      offerPausedAt: paused ? Math.min(END - HOUR, createdAt + Math.floor(rng.next() * 60 * DAY)) : null,
      seeking,
      seekAreas: [],
      hopes: seeking ? rng.pick(text.MENTEE_HOPES) : "",
      createdAt,
    });
    if (!offering || paused) continue;
    // Active mentees: none for most, up to the mentor's capacity for some.
    const active = Math.min(capacity, rng.weighted([[0, 5], [1, 4], [2, 2], [3, 1]] as const));
    const mentees = new Set<number>();
    for (let attempt = 0; attempt < active * 3 && mentees.size < active; attempt++) {
      const mentee = rng.int(0, members.length - 1);
      if (mentee !== member.index && mentee !== LOGIN_MEMBER) mentees.add(mentee);
    }
    for (const menteeIdx of mentees) {
      mentorships.push({
        id: `bench-ms-${pad(mentorships.length + 1, 6)}`,
        mentorIdx: member.index,
        menteeIdx,
        areas: [rng.pick(strong.slice(0, 4))],
        startedAt: Math.min(END - HOUR, createdAt + HOUR + Math.floor(rng.next() * 90 * DAY)),
      });
    }
  }
  // At small scales chance may leave the benchmark's member with no one to suggest: then the next members (in
  // order) who are strong where the member has a gap offer too, until three could be suggested. (From their own
  // stream, so at the scales where chance suffices the data is the same.)
  const mine = latest.get(LOGIN_MEMBER);
  if (mine) {
    const gaps = mine.answers.flatMap((answer, k) => (answer.target !== null && answer.target > answer.stage && areaSlugs[k] ? [k] : []));
    const coveredBy = (memberIdx: number) =>
      gaps.filter((k) => {
        const stage = latest.get(memberIdx)?.answers[k]?.stage ?? 0;
        return stage >= 3 && stage > mine.answers[k]!.stage;
      });
    const active = (memberIdx: number) => mentorships.filter((m) => m.mentorIdx === memberIdx).length;
    let available = preferences.filter(
      (p) =>
        p.offering && p.offerPausedAt === null && active(p.memberIdx) < p.capacity &&
        coveredBy(p.memberIdx).some((k) => p.offerAreas.includes(areaSlugs[k]!)),
    ).length;
    const taken = new Set(preferences.map((p) => p.memberIdx));
    for (const member of members) {
      if (available >= 3 || gaps.length === 0) break;
      const covered = coveredBy(member.index);
      const assessment = latest.get(member.index);
      if (member.index === LOGIN_MEMBER || taken.has(member.index) || covered.length === 0 || !assessment) continue;
      const rng = stream(seed, "mentoring-extra", member.index);
      const strong = assessment.answers.flatMap((answer, k) => (answer.stage >= 3 && areaSlugs[k] ? [k] : []));
      const areas = [...covered, ...strong.filter((k) => !covered.includes(k))].slice(0, 4).map((k) => areaSlugs[k]!);
      preferences.push({
        memberIdx: member.index,
        offering: true,
        offerAreas: areas,
        capacity: rng.int(1, 3),
        offerNote: rng.pick(text.MENTOR_NOTES),
        offerPausedAt: null,
        seeking: false,
        seekAreas: [],
        hopes: "",
        createdAt: Math.min(END - HOUR, assessment.submittedAt + DAY + Math.floor(rng.next() * 30 * DAY)),
      });
      available++;
    }
  }
  return { preferences, mentorships };
}
