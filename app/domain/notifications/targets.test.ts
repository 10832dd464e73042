import { describe, expect, test } from "vitest";
import { notificationTarget } from "./targets";

const thread = { id: "t1", slug: "grand-rounds", title: "Grand rounds" };

describe("notificationTarget", () => {
  test.each([
    { postNumber: null, expected: "/t/t1/grand-rounds" },
    { postNumber: 2, expected: "/t/t1/grand-rounds#post-2" },
    { postNumber: 50, expected: "/t/t1/grand-rounds#post-50" },
    // Past the first 50 posts: the page that shows the post.
    { postNumber: 51, expected: "/t/t1/grand-rounds?after=50#post-51" },
    { postNumber: 120, expected: "/t/t1/grand-rounds?after=100#post-120" },
  ])("post $postNumber → $expected", ({ postNumber, expected }) => {
    expect(notificationTarget({ kind: "REPLY", thread, postNumber, association: null })).toBe(expected);
  });

  test("goes to the association when there is no thread to show, and nowhere when neither is left", () => {
    const association = { slug: "alliance", name: "Alliance" };
    expect(notificationTarget({ kind: "JOIN_APPROVED", thread: null, postNumber: null, association })).toBe("/associations/alliance");
    expect(notificationTarget({ kind: "MENTION", thread: null, postNumber: 3, association: null })).toBeNull();
  });
});
