import { describe, expect, it } from "vitest";
import { cacheHeaders, PRIVATE_NO_STORE, VISITOR_PAGE } from "./cache-policy";

const visitor = { signedIn: false, setsCookie: false, routeCacheControl: undefined };
const member = { signedIn: true, setsCookie: false, routeCacheControl: undefined };
const tokenHeaders = { "Cache-Control": PRIVATE_NO_STORE, "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "same-origin" };

describe("the caching policy", () => {
  it.each([
    ["a visitor's page", { ...visitor, path: "/competencies" }, { "Cache-Control": VISITOR_PAGE }],
    ["a member's page", { ...member, path: "/competencies" }, { "Cache-Control": PRIVATE_NO_STORE }],
    ["a member's data request", { ...member, path: "/home.data" }, { "Cache-Control": PRIVATE_NO_STORE }],
    ["a response that logs someone in", { ...visitor, setsCookie: true, path: "/login" }, { "Cache-Control": PRIVATE_NO_STORE }],
    ["a visitor's response that sets or clears a flash message", { ...visitor, setsCookie: true, path: "/associations" }, { "Cache-Control": PRIVATE_NO_STORE }],
    ["a public feed for a visitor", { ...visitor, routeCacheControl: "public, max-age=300", path: "/t/1.atom" }, { "Cache-Control": "public, max-age=300" }],
    ["a public feed for a member", { ...member, routeCacheControl: "public, max-age=300", path: "/t/1.atom" }, { "Cache-Control": PRIVATE_NO_STORE }],
    ["a members-only photo for a member", { ...member, routeCacheControl: "private, max-age=31536000, immutable", path: "/photos/ana/small-0123456789abcdefm.webp" }, { "Cache-Control": "private, max-age=31536000, immutable" }],
    ["a public photo for a visitor", { ...visitor, routeCacheControl: "public, max-age=31536000, immutable", path: "/photos/ana/small-0123456789abcdefp.webp" }, { "Cache-Control": "public, max-age=31536000, immutable" }],
    ["a photo with a response that sets a cookie", { ...member, setsCookie: true, routeCacheControl: "private, max-age=31536000, immutable", path: "/photos/ana/small-0123456789abcdefm.webp" }, { "Cache-Control": PRIVATE_NO_STORE }],
    ["a share link", { ...visitor, path: "/shared/abc" }, tokenHeaders],
    ["a share link's data", { ...visitor, path: "/shared/abc.data" }, tokenHeaders],
    ["an invitation", { ...member, path: "/invitations/abc" }, tokenHeaders],
    ["a review request", { ...member, path: "/review/abc" }, tokenHeaders],
    ["a review rating", { ...member, path: "/review/rate/abc" }, tokenHeaders],
    ["a password reset", { ...visitor, path: "/reset-password/abc" }, tokenHeaders],
    ["an unsubscribe link", { ...visitor, path: "/email/unsubscribe" }, tokenHeaders],
  ])("%s", (_name, context, expected) => {
    expect(cacheHeaders(context)).toEqual(expected);
  });
});
